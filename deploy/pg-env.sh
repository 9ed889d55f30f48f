# Sourced by deploy/backup.sh and deploy/restore.sh: turns the app's connection string (ConnectionStrings__Postgres,
# Npgsql keywords) into libpq's PG* variables, and finds the newest PostgreSQL client tools (pg_dump must be at least
# the server's version). Without ConnectionStrings__Postgres, libpq's own PGHOST, PGPORT, PGUSER, PGPASSWORD and
# PGDATABASE apply as set.
pg_from_connection_string() { # "Host=…;Port=…;Username=…;Password=…;Database=…"
  local part key value
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    key=$(tr '[:upper:]' '[:lower:]' <<<"${part%%=*}" | tr -d ' ')
    value=${part#*=}
    case "$key" in
      host | server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username | user | userid | "user id") export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database) export PGDATABASE="$value" ;;
    esac
  done
}
[ -n "${ConnectionStrings__Postgres:-}" ] && pg_from_connection_string "$ConnectionStrings__Postgres"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_tool() { local t=$1; shift; if [ -n "$pg_bin" ] && [ -x "$pg_bin/$t" ]; then "$pg_bin/$t" "$@"; else "$t" "$@"; fi; }
schema=${Marten__Schema:-ogp}
