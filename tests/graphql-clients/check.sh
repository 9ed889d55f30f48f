#!/usr/bin/env bash
# Independent GraphQL clients on the exported SDL:
#  1. the reference `graphql` package builds schema/schema.graphql and validates tests/graphql-clients/dashboard-queries/;
#  2. @graphql-inspector reports breaking changes against the schema of the previous commit (a report, not a gate:
#     a deliberate break is allowed, but it is printed where CI shows it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node validate.mjs
previous=$(mktemp --suffix=.graphql); trap 'rm -f "$previous"' EXIT
if git -C "$repo" show HEAD~1:schema/schema.graphql > "$previous" 2>/dev/null; then
  node_modules/.bin/graphql-inspector diff "$previous" "$repo/schema/schema.graphql" || echo "graphql-inspector: breaking changes against HEAD~1 (reported above)"
fi
