#!/usr/bin/env bash
# Generates the two C# clients from schema/openapi.json with the generators' default settings (a namespace and a class
# name only): Kiota into obj/generated/kiota, NSwag (openapi2csclient) into obj/generated/nswag/TrackerClient.cs.
# The generators are dotnet tools, installed here into obj/tools at the versions Directory.Packages.props names
# (Microsoft.OpenApi.Kiota, NSwag.ConsoleCore), so a clean machine needs nothing but the SDK and NuGet.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
doc="$repo/schema/openapi.json"

version() { # package → its Version in Directory.Packages.props
  local v
  v=$(sed -n "s|.*<PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*|\1|p" "$repo/Directory.Packages.props")
  [ -n "$v" ] || { echo "[contract] $1 has no PackageVersion in Directory.Packages.props" >&2; exit 1; }
  echo "$v"
}
tool() { # package command → path of the installed tool
  local dir="$here/obj/tools/$1-$(version "$1")"
  [ -x "$dir/$2" ] || dotnet tool install --tool-path "$dir" "$1" --version "$(version "$1")" >/dev/null
  echo "$dir/$2"
}

out="$here/obj/generated"
rm -rf "$out" && mkdir -p "$out/nswag"
# Offline: no update check against the network; --exclude-backward-compatible drops the obsolete duplicate members.
KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false "$(tool Microsoft.OpenApi.Kiota kiota)" generate --language CSharp \
  --openapi "$doc" --output "$out/kiota" --class-name TrackerClient --namespace-name Tracker.Kiota \
  --exclude-backward-compatible --log-level Warning >"$out/kiota.log" 2>&1 || { cat "$out/kiota.log"; exit 1; }
"$(tool NSwag.ConsoleCore nswag)" openapi2csclient /input:"$doc" /output:"$out/nswag/TrackerClient.cs" \
  /namespace:Tracker.NSwag /className:TrackerClient >"$out/nswag.log" 2>&1 || { cat "$out/nswag.log"; exit 1; }
