#!/usr/bin/env bash
# Rebuilds build/local-packages/patched.distributedlock.postgres.1.3.3.nupkg from the nuspec beside it.
# The nupkg is a zip of the nuspec plus an empty lib/net10.0/_._ placeholder (no assemblies).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../local-packages/patched.distributedlock.postgres.1.3.3.nupkg"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$here/Patched.DistributedLock.Postgres.nuspec" "$tmp/"
mkdir -p "$tmp/lib/net10.0" && : > "$tmp/lib/net10.0/_._"
rm -f "$out"
(cd "$tmp" && zip -q -X -r "$out" Patched.DistributedLock.Postgres.nuspec lib)
echo "wrote $out"
