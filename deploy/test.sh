#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and ends with one line: "N passed, N failed[, N skipped]".
# Uses TEST_DATABASE_URL when set; otherwise starts one throwaway server (deploy/local-postgres.sh) for the run.
# Extra arguments go to `dotnet test` (e.g. --filter SchemaDriftTests).
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  data_dir=$(mktemp -d /tmp/ct-test-pg.XXXXXX)
  trap 'bash deploy/local-postgres.sh stop "$data_dir" >/dev/null 2>&1; rm -rf "$data_dir"' EXIT
  TEST_DATABASE_URL=$(env -u ConnectionStrings__Postgres bash deploy/local-postgres.sh start "$data_dir" | tail -n 1) || exit 1
  export TEST_DATABASE_URL
fi

bash build/drop-redirect-package.sh
log=$(mktemp /tmp/ct-test-log.XXXXXX)
dotnet test CommitmentTracker.sln -c Release --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints "Passed!  - Failed: 0, Passed: 81, Skipped: 0, ..." per test assembly; sum them.
summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')
rm -f "$log"
read -r passed failed skipped <<<"${summary:-0 0 0}"
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test results were reported" >&2
  [ "$status" -eq 0 ] && status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
