#!/usr/bin/env bash
# Independent GraphQL clients on the exported SDL:
#  1. the reference `graphql` package builds schema/schema.graphql and validates tests/graphql-clients/dashboard-queries/;
#  2. @graphql-inspector reports breaking changes against the schema of the base commit (a report, not a gate:
#     a deliberate break is allowed, but it is printed where CI shows it).
# The base is GRAPHQL_SCHEMA_BASE when set, else HEAD~1. In a shallow clone without it, one more commit is fetched from
# origin; when no base can be had, or graphql-inspector itself fails, this exits 1: the comparison never silently skips.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node validate.mjs

base=${GRAPHQL_SCHEMA_BASE:-HEAD~1}
if ! git -C "$repo" rev-parse -q --verify "$base^{commit}" >/dev/null &&
   [ "$(git -C "$repo" rev-parse --is-shallow-repository)" = true ]; then
  echo "graphql-inspector: $base is not in this shallow clone; fetching one more commit from origin"
  git -C "$repo" fetch -q --deepen=1 origin || true
fi
git -C "$repo" rev-parse -q --verify "$base^{commit}" >/dev/null ||
  { echo "graphql-inspector: no base commit $base to compare the schema with (set GRAPHQL_SCHEMA_BASE to one)" >&2; exit 1; }
previous=$(mktemp --suffix=.graphql); report=$(mktemp); trap 'rm -f "$previous" "$report"' EXIT
git -C "$repo" show "$base:schema/schema.graphql" > "$previous" ||
  { echo "graphql-inspector: $base has no schema/schema.graphql" >&2; exit 1; }
if node_modules/.bin/graphql-inspector diff "$previous" "$repo/schema/schema.graphql" >"$report" 2>&1; then
  cat "$report"
elif grep -qE '^\[error\] Detected [0-9]+ breaking change' "$report"; then
  cat "$report"; echo "graphql-inspector: breaking changes against $base (reported above)"
else
  cat "$report" >&2; echo "graphql-inspector failed to compare the schema with $base" >&2; exit 1
fi
