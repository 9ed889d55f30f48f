#!/usr/bin/env bash
# Restores a deploy/backup.sh file in one command, into an EMPTY database: a database holding any table, view, sequence
# or schema of its own is refused, with nothing changed. The restore is one transaction: it lands whole or not at all.
#   deploy/restore.sh FILE
# The target is ConnectionStrings__Postgres (as the app reads it) or libpq's PG* variables. Create it first
# (createdb NAME, or CREATE DATABASE), then start the app on it with the same Marten__Schema as the backup's.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/pg-env.sh
source "$repo/deploy/pg-env.sh"
file=${1:?usage: deploy/restore.sh FILE (a deploy/backup.sh dump)}
[ -s "$file" ] || { echo "restore: $file does not exist or is empty" >&2; exit 1; }
pg_tool pg_restore --list "$file" >/dev/null || { echo "restore: $file is not a pg_dump custom-format file" >&2; exit 1; }

# What the database holds besides PostgreSQL's own catalogs, the empty public schema and extensions' objects.
held=$(pg_tool psql -X -tA -v ON_ERROR_STOP=1 -c "
  select coalesce(string_agg(what, ', ' order by what), '') from (
    select 'schema ' || n.nspname as what from pg_namespace n
      where n.nspname not in ('public', 'information_schema') and n.nspname not like 'pg\_%'
        and not exists (select 1 from pg_depend d where d.objid = n.oid and d.deptype = 'e')
    union all
    select 'table ' || n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and n.nspname not in ('information_schema') and n.nspname not like 'pg\_%'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
  ) objects")
if [ -n "$held" ]; then
  echo "restore: refused: database '${PGDATABASE:-?}' is not empty (it holds $(cut -c1-300 <<<"$held")). Restore only into a new," >&2
  echo "restore: empty database (createdb NAME); nothing was changed." >&2
  exit 2
fi
pg_tool pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="${PGDATABASE:-postgres}" "$file"
echo "restore: $file restored into database '${PGDATABASE:-?}'" >&2
