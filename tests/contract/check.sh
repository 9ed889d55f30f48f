#!/usr/bin/env bash
# The contract as an integrator meets it: @redocly/cli lints schema/openapi.json with its recommended rules and must
# report 0 errors and 0 warnings; then live.sh runs the graphql-http audit, the TypeScript client and the C# clients
# (Kiota, NSwag) against the live server. Tools come from this folder's package-lock (npm ci) and, for the C#
# generators, from the versions in Directory.Packages.props (csharp/generate.sh); nothing global.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
report=$(mktemp); trap 'rm -f "$report"' EXIT
# --max-problems keeps every finding in the log; warnings fail the check too (redocly itself exits 0 on warnings).
if ! node_modules/.bin/redocly lint "$repo/schema/openapi.json" --config redocly.yaml --format=stylish --max-problems=1000 >"$report" 2>&1; then
  cat "$report"; echo "[contract] redocly lint: errors in schema/openapi.json" >&2; exit 1
fi
if grep -Eq '^ +[0-9]+:[0-9]+ +warning' "$report"; then
  cat "$report"; echo "[contract] redocly lint: warnings in schema/openapi.json" >&2; exit 1
fi
echo "[contract] redocly lint (recommended): 0 errors, 0 warnings"

# Against the live server: the graphql-http audit and the TypeScript client's read half.
bash "$here/live.sh"
