#!/usr/bin/env bash
# Provisions the PostgreSQL that the run command and the tests use.
#
#   deploy/local-postgres.sh start [DATA_DIR]   prints a connection string on stdout (last line)
#   deploy/local-postgres.sh stop  [DATA_DIR]
#   deploy/local-postgres.sh status [DATA_DIR]
#   deploy/local-postgres.sh crash [DATA_DIR]   pg_ctl stop -m immediate: no checkpoint, as a crash (the fault proof)
#
# If ConnectionStrings__Postgres or TEST_DATABASE_URL is set, `start` just prints it: a given server wins.
# Otherwise it starts a throwaway server from the machine's PostgreSQL binaries (initdb + pg_ctl) on
# 127.0.0.1 and a free port, with its data under DATA_DIR (default: <repo>/.data/pg). When the binaries
# are missing and we are root, it installs Debian's `postgresql` package first.
# Everything it says for humans goes to stderr, so callers can capture stdout.
set -euo pipefail

cmd=${1:-start}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${2:-$repo/.data/pg}
log() { echo "[local-postgres] $*" >&2; }

find_bin_dir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

ensure_binaries() {
  if bin=$(find_bin_dir); then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL binaries not found and not root: install the 'postgresql' package, or set ConnectionStrings__Postgres."
    exit 1
  fi
  log "installing Debian's postgresql package (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql postgresql-contrib >&2
  bin=$(find_bin_dir) || { log "postgresql installed but pg_ctl/initdb not found"; exit 1; }
}

# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_file() { echo "$data_dir/ct-port"; }

# Free means bindable as PostgreSQL binds (SO_REUSEADDR, so a restart's TIME_WAIT connections do not count), not
# merely "nothing answers": a port can be the local end of an outgoing connection (the kernel's ephemeral range
# covers these ports), which refuses a connect and still fails PostgreSQL's bind.
# Without python3 (a bare machine), the connect test is what is left.
port_is_free() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# CT_PG_PORT_FROM moves the range (the fault proof's own server keeps out of the way of the shared ones); a retry
# passes the port after the one that was taken.
free_port() {
  local p from=${1:-${CT_PG_PORT_FROM:-55432}}
  for p in $(seq "$from" $((from + 200))); do
    port_is_free "$p" && { echo "$p"; return 0; }
  done
  log "no free port in $from-$((from + 200))"; exit 1
}

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"; }

start() {
  local given=${ConnectionStrings__Postgres:-${TEST_DATABASE_URL:-}}
  if [ -n "$given" ]; then log "using the given connection string"; echo "$given"; return 0; fi
  ensure_binaries
  mkdir -p "$data_dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$data_dir"
    # the server user must be able to reach the data dir through its parents
    local d=$data_dir; while [ "$d" != "/" ]; do d=$(dirname "$d"); chmod o+x "$d" 2>/dev/null || true; done
  fi
  chmod 700 "$data_dir"
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    log "initdb in $data_dir"
    as_owner "$bin/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_owner "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1 && [ -f "$(port_file)" ]; then
    local port; port=$(cat "$(port_file)")
    log "already running on 127.0.0.1:$port"
    conn_string "$port"; return 0
  fi
  # A restart keeps the port it had, so clients' connection strings still reach it.
  local port attempt
  if [ -f "$(port_file)" ] && port_is_free "$(cat "$(port_file)")"; then port=$(cat "$(port_file)"); else port=$(free_port); fi
  # Another server starting at the same moment can take the port we found free: then try the next free one.
  for attempt in 1 2 3 4 5; do
    echo "$port" > "$(port_file)"
    # fsync stays on: every acknowledged write must survive a restart.
    if as_owner "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k /tmp -c max_connections=300 -c shared_buffers=256MB" >/dev/null; then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! tail -n 5 "$data_dir/server.log" | grep -q 'Address already in use'; then
      log "pg_ctl could not start the server (see $data_dir/server.log)"; exit 1
    fi
    log "port $port was taken meanwhile; trying another"
    sleep "0.$((RANDOM % 9 + 1))"
    port=$(free_port $((port + 1)))
  done
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (data: $data_dir)"
  conn_string "$port"
}

stop() {
  bin=$(find_bin_dir) || exit 0
  [ -f "$data_dir/PG_VERSION" ] || exit 0
  as_owner "$bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped ($data_dir)"
}

crash() {
  bin=$(find_bin_dir) || exit 1
  as_owner "$bin/pg_ctl" -D "$data_dir" -m immediate -w stop >/dev/null
  log "stopped immediately ($data_dir)"
}

status() {
  bin=$(find_bin_dir) || exit 1
  as_owner "$bin/pg_ctl" -D "$data_dir" status
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  crash) crash ;;
  *) echo "usage: $0 start|stop|status|crash [DATA_DIR]" >&2; exit 2 ;;
esac
