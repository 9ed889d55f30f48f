# Shared by the multi-process proofs (deploy/failover.sh; deploy/scale-out.sh may source it too). Source it after
# setting: tmp (a temp dir), and a log() function. It keeps the processes it starts in pids[] and stops them on exit.
#   free_port                      a free loopback TCP port
#   start_receiver NAME FILE       a webhook receiver (log $tmp/NAME.log) appending to FILE; sets receiver_port
#   wait_ready URL LOG             waits (60 s) for URL/health/ready, prints the tail of LOG and exits when it never comes
#   publish_app                    dotnet publish of the API (Release) into $tmp/app
#   start_app NAME PORT WORKER     the published app on 127.0.0.1:PORT (log $tmp/NAME.log) over $db / $schema / $admin_key
#   psql_db ARGS...                psql against $db's server
#   stop_all                       TERM, then KILL after 10 s, every process in pids[]; stops the PostgreSQL in $tmp/pg
pids=()

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 200); do
    # bindable, not only unanswered: an outgoing connection's local port refuses a connect and still fails a bind
    python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$p" 2>/dev/null || continue
    echo "$p"; return 0
  done
  log "no free port"; exit 1
}

start_receiver() { # NAME FILE: a webhook receiver appending to FILE; sets receiver_port, exits when it never listens
  python3 "$repo/deploy/scale-out/webhook-receiver.py" "$tmp/$1.port" "$2" >"$tmp/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$tmp/$1.port" ] && break; sleep 0.1; done
  [ -s "$tmp/$1.port" ] || { log "webhook receiver $1 never listened; its log:"; tail -n 20 "$tmp/$1.log" >&2; exit 1; }
  receiver_port=$(cat "$tmp/$1.port")
}

wait_ready() { # url log
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$1/health/ready" && return 0
    sleep 0.1
  done
  log "$1 never became ready; its log:"; tail -n 40 "$2" >&2; exit 1
}

publish_app() {
  bash "$repo/build/drop-redirect-package.sh"
  dotnet publish "$repo/src/CommitmentTracker.Api" -c Release -o "$tmp/app" -nologo -v q >"$tmp/publish.log" 2>&1 ||
    { tail -n 30 "$tmp/publish.log" >&2; exit 1; }
}

start_app() { # name port worker-enabled [extra VAR=value...]
  local name=$1 port=$2 worker=$3
  shift 3
  (
    cd "$tmp/app"
    export ConnectionStrings__Postgres="$db" Marten__Schema="$schema" Auth__BootstrapAdminKey="$admin_key" \
      ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Worker__Enabled="$worker" \
      OpenTelemetry__ServiceName="ogp-$name" Hosting__ShutdownTimeoutSeconds=10 \
      Webhooks__AllowPrivateTargets=true `# the receivers are on loopback here` \
      RateLimits__Enabled=false "$@"
    exec dotnet CommitmentTracker.Api.dll
  ) >"$tmp/$name.log" 2>&1 &
  pids+=($!)
}

psql_db() {
  local bin; bin=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
  "${bin:-psql}" -h "$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$db")" -p "$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$db")" \
    -U "$(sed -E 's/.*Username=([^;]+).*/\1/' <<<"$db")" -d postgres -v ON_ERROR_STOP=1 -tA "$@"
}

stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -f "$tmp/pg/PG_VERSION" ] && bash "$repo/deploy/local-postgres.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
}
