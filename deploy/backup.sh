#!/usr/bin/env bash
# Backs up the event store in one command: pg_dump, custom format, of the store's schema (every event, stream, read
# model, key, subscription and checkpoint, with the event sequence's position).
#   deploy/backup.sh [FILE]        default FILE: backups/ogp-<UTC time>.dump
# The database is ConnectionStrings__Postgres (as the app reads it) or libpq's PG* variables; the schema is
# Marten__Schema (default ogp). Restore it with deploy/restore.sh into an empty database.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/pg-env.sh
source "$repo/deploy/pg-env.sh"
out=${1:-$repo/backups/ogp-$(date -u +%Y%m%dT%H%M%SZ).dump}
mkdir -p "$(dirname "$out")"
exists=$(pg_tool psql -X -tA -v ON_ERROR_STOP=1 -c "select count(*) from pg_namespace where nspname = '$schema'")
[ "$exists" = 1 ] || { echo "backup: database '${PGDATABASE:-?}' has no schema '$schema' (set Marten__Schema)" >&2; exit 1; }
pg_tool pg_dump --format=custom --schema="$schema" --no-owner --file="$out.partial"
mv "$out.partial" "$out"
echo "backup: schema '$schema' of database '${PGDATABASE:-?}' written to $out ($(wc -c <"$out") bytes)" >&2
echo "$out"
