#!/usr/bin/env bash
# Drops a cached Patched.DistributedLock.Postgres 1.3.3 that holds no assembly, so that restore fetches the real package.
# This project once shipped a metadata-only "redirect" package with that same id and version; a machine that restored it
# keeps it in the global packages folder and NuGet keeps resolving it (Marten then fails at run time to load
# DistributedLock.Postgres). Every script that restores runs this first; it does nothing when the cache is sound.
set -euo pipefail
root=${NUGET_PACKAGES:-$HOME/.nuget/packages}
dir="$root/patched.distributedlock.postgres/1.3.3"
if [ -d "$dir" ] && ! find "$dir" -name '*.dll' -print -quit | grep -q .; then
  rm -rf "$dir"
  echo "[build] removed the cached redirect package (no assembly) at $dir; restore fetches the real one" >&2
fi
