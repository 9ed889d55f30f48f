#!/usr/bin/env bash
# Proves the scale-out topology on one machine, without Docker: a throwaway PostgreSQL, 2 API processes
# (Worker__Enabled=false) and 1 worker (Worker__Enabled=true) on loopback ports, nginx in front of the 2 APIs.
# It drives writes through nginx concurrently, then checks:
#   - every write got 2xx, and both API processes served traffic (nginx's upstream log);
#   - reads through nginx return the projected state;
#   - the change feed (GET /api/changes) returns every stored event exactly once, in order;
#   - a local webhook receiver gets every event from the worker, correctly signed;
#   - no API key appears in any process's log.
# nginx runs the committed deploy/nginx/nginx.conf (only its addresses and log paths are replaced).
# Ends with one summary line; exit 0 only if every check passed: a check that cannot run (no feed, no subscription) fails. Everything it starts is stopped on exit.
#
#   SCALE_OUT_WRITES=200        writes to drive (5 per commitment: create, milestone, 3 progress reports)
#   SCALE_OUT_CONCURRENCY=8     concurrent clients
#   SCALE_OUT_KEEP=1            keep the temp dir (logs) after exit
# As root, installs Debian's nginx package when it is missing. ConnectionStrings__Postgres uses a given server
# (in a fresh Marten schema) instead of a throwaway one.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

writes=${SCALE_OUT_WRITES:-200}
concurrency=${SCALE_OUT_CONCURRENCY:-8}
commitments=$(( (writes + 4) / 5 ))
tmp=$(mktemp -d /tmp/ct-scale-out.XXXXXX)
chmod 755 "$tmp"
log() { echo "[scale-out] $*" >&2; }
# free_port, wait_ready and pids[], shared with deploy/failover.sh
source "$repo/deploy/scale-out/lib.sh"
failures=()
fail() { failures+=("$1"); log "FAIL: $1"; }

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -f "$tmp/pg/PG_VERSION" ] && bash deploy/local-postgres.sh stop "$tmp/pg" >/dev/null 2>&1 || true
  if [ "${SCALE_OUT_KEEP:-0}" = 1 ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -----------------------------------------------------------------------------------------------
nginx_bin=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
if [ -z "$nginx_bin" ]; then
  [ "$(id -u)" -eq 0 ] || { log "nginx is missing: install Debian's nginx package"; exit 1; }
  log "installing Debian's nginx package (apt-get)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >&2
  nginx_bin=/usr/sbin/nginx
fi
for tool in curl jq python3; do command -v "$tool" >/dev/null || { log "$tool is missing"; exit 1; }; done

# --- PostgreSQL and the build --------------------------------------------------------------------------------
db=$(bash deploy/local-postgres.sh start "$tmp/pg" | tail -n 1)
schema="scaleout_$(date +%s)_$$"
log "publishing the API (Release) once…"
dotnet publish src/CommitmentTracker.Api -c Release -o "$tmp/app" -nologo -v q >"$tmp/publish.log" 2>&1 ||
  { tail -n 30 "$tmp/publish.log" >&2; exit 1; }

admin_key="ct_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
start_app() { # name port worker-enabled
  (
    cd "$tmp/app"
    export ConnectionStrings__Postgres="$db" Marten__Schema="$schema" Auth__BootstrapAdminKey="$admin_key" \
      ASPNETCORE_URLS="http://127.0.0.1:$2" ASPNETCORE_ENVIRONMENT=Production Worker__Enabled="$3" \
      OpenTelemetry__ServiceName="ogp-$1" Hosting__ShutdownTimeoutSeconds=10 ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
      Webhooks__AllowPrivateTargets=true `# the receiver is on loopback here` \
      RateLimits__Enabled=false # one key from one address (nginx) on purpose: this measures the topology, not the limits
    exec dotnet CommitmentTracker.Api.dll
  ) >"$tmp/$1.log" 2>&1 &
  pids+=($!)
}

# The worker first: it applies the schema, so the replicas that follow do not race to create it.
worker_port=$(free_port); start_app worker "$worker_port" true
wait_ready "http://127.0.0.1:$worker_port" "$tmp/worker.log"
api1_port=$(free_port); start_app api1 "$api1_port" false
api2_port=$(free_port); start_app api2 "$api2_port" false
wait_ready "http://127.0.0.1:$api1_port" "$tmp/api1.log"
wait_ready "http://127.0.0.1:$api2_port" "$tmp/api2.log"

# --- nginx: the committed deploy/nginx/nginx.conf, with the replicas' and the listener's addresses put in --------------
nginx_port=$(free_port)
mkdir -p "$tmp/nginx/temp"
chmod 1777 "$tmp/nginx/temp"
# Only addresses and file paths change; every proxy setting (keepalive, next-upstream, timeouts) is the committed one.
# Each substitution must match, so a change to the committed file that this proof no longer follows fails here.
python3 - "$repo/deploy/nginx/nginx.conf" "$tmp/nginx/nginx.conf" "$tmp/nginx" "$nginx_port" "$api1_port" "$api2_port" <<'PY'
import sys
src, dst, d, port, api1, api2 = sys.argv[1:]
conf = open(src, encoding="utf-8").read()
for old, new in [
    ("server api-1:8080", f"server 127.0.0.1:{api1}"),
    ("server api-2:8080", f"server 127.0.0.1:{api2}"),
    ("listen 80;", f"listen 127.0.0.1:{port};"),
    ("access_log /dev/stdout upstream;", f"access_log {d}/access.log upstream;"),
    ("error_log /dev/stderr warn;", f"error_log {d}/error.log warn;"),
    ("http {", "http {\n" + "".join(f"  {t}_temp_path {d}/temp/{t};\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))),
]:
    if conf.count(old) != 1:
        sys.exit(f"deploy/nginx/nginx.conf no longer has exactly one '{old}': update deploy/scale-out.sh")
    conf = conf.replace(old, new)
open(dst, "w", encoding="utf-8").write(f"pid {d}/nginx.pid;\n" + conf)
PY
"$nginx_bin" -t -q -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf"
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
A="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 50); do curl -fs -o /dev/null "$A/health/ready" && break; sleep 0.1; done
log "PostgreSQL, worker :$worker_port, api1 :$api1_port, api2 :$api2_port, nginx :$nginx_port (temp: $tmp)"

# --- webhook receiver ----------------------------------------------------------------------------------------
start_receiver receiver "$tmp/deliveries.jsonl"
hook_port=$receiver_port
J='content-type: application/json'
hook_status=$(curl -s -o "$tmp/hook.json" -w '%{http_code}' -X POST "$A/api/webhooks" -H "X-Api-Key: $admin_key" -H "$J" \
  -d "{\"url\":\"http://127.0.0.1:$hook_port/hook\"}")
hook_secret=""
if [ "$hook_status" = 201 ]; then hook_secret=$(jq -r '.secret // empty' "$tmp/hook.json"); fi
[ -n "$hook_secret" ] || fail "webhooks: POST /api/webhooks answered $hook_status without a secret: $(head -c 300 "$tmp/hook.json")"

# --- writes through nginx -----------------------------------------------------------------------------------
post() { # key path body → appends "<status> <path>" to the results; prints the body
  local out; out=$(mktemp "$tmp/resp.XXXXXX")
  local code; code=$(curl -s -o "$out" -w '%{http_code}' -X POST "$A$2" -H "X-Api-Key: $1" -H "$J" -d "$3")
  echo "$code POST $2" >>"$tmp/results.txt"
  cat "$out"; rm -f "$out"
}
post "$admin_key" /api/members \
  '{"code":"GE","kind":"National","name":{"ka":"საქართველო","en":"Georgia"},"region":"Europe","defaultLanguage":"ka"}' >/dev/null
plan=$(post "$admin_key" /api/action-plans \
  '{"memberCode":"GE","title":{"ka":"სამოქმედო გეგმა","en":"Action Plan"},"period":{"start":"2024-01-01","end":"2025-12-31"}}' | jq -r .id)
poc=$(curl -s -X POST "$A/api/api-keys" -H "X-Api-Key: $admin_key" -H "$J" \
  -d '{"name":"Georgia PoC","role":"poc","organisation":"Administration of the Government","members":["GE"]}' | jq -r .secret)

chain() { # one client's story for one commitment: make it, add a milestone, report progress three times
  local n=$1 id milestone p
  id=$(post "$poc" "/api/action-plans/$plan/commitments" "{\"title\":{\"ka\":\"მონიტორინგი $n\",\"en\":\"Monitoring $n\"},
    \"leadInstitution\":{\"name\":\"Administration of the Government\",\"kind\":\"Government\"},
    \"policyAreas\":[\"PublicServiceDelivery\"],\"ogpValues\":[\"CivicParticipation\"]}" | jq -r '.id // empty')
  [ -n "$id" ] || return 0
  milestone=$(post "$poc" "/api/commitments/$id/milestones" \
    '{"title":{"ka":"ანგარიში"},"start":"2024-03-01","due":"2025-12-31"}' | jq -r '.milestones[-1].id // empty')
  [ -n "$milestone" ] || return 0
  for p in 30 60 100; do
    post "$poc" "/api/commitments/$id/milestones/$milestone/progress" "{\"percent\":$p,\"note\":\"step $p\"}" >/dev/null
  done
}
export -f chain post
export A J tmp poc plan
started=$(date +%s.%N)
seq 1 "$commitments" | xargs -P "$concurrency" -I{} bash -c 'chain {}'
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
log "drove $((commitments * 5)) writes in ${elapsed}s with $concurrency clients"

# --- checks -------------------------------------------------------------------------------------------------
total=$(wc -l <"$tmp/results.txt")
ok=$(grep -c '^2' "$tmp/results.txt" || true)
[ "$ok" -eq "$total" ] && [ "$total" -eq $((commitments * 5 + 2)) ] ||
  fail "writes: $ok of $total got 2xx (expected $((commitments * 5 + 2))): $(grep -v '^2' "$tmp/results.txt" | sort | uniq -c | head -5)"

served1=$(grep -c " upstream=127.0.0.1:$api1_port\$" "$tmp/nginx/access.log" || true)
served2=$(grep -c " upstream=127.0.0.1:$api2_port\$" "$tmp/nginx/access.log" || true)
[ "$served1" -gt 0 ] && [ "$served2" -gt 0 ] || fail "load balancing: api1 served $served1, api2 served $served2"

listed=$(curl -s "$A/api/commitments?member=GE&pageSize=1" | jq .totalCount)
complete=0
for page in $(seq 1 $(( (commitments + 199) / 200 ))); do
  n=$(curl -s "$A/api/commitments?member=GE&pageSize=200&page=$page" |
    jq '[.items[] | select(.progress == 100 and .milestones[0].status == "Met")] | length')
  complete=$((complete + n))
done
[ "$listed" -eq "$commitments" ] && [ "$complete" -eq "$commitments" ] ||
  fail "read model: $listed commitments listed, $complete at 100 % and Met (expected $commitments)"

psql=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
psql=${psql:-psql}
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$db")
pg_host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$db")
pg_user=$(sed -E 's/.*Username=([^;]+).*/\1/' <<<"$db")
# Marten fills the numbers of rolled-back appends (racing creators) with tombstones: not changes, never delivered.
stored=$("$psql" -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tA \
  -c "select count(*) from $schema.mt_events where type <> 'tombstone'")

# Every write appends at least one event: fewer would make the feed and webhook counts below prove nothing.
[ "$stored" -ge $((commitments * 5 + 2)) ] || fail "events: $stored stored for $((commitments * 5 + 2)) writes"
feed_result=FAIL
feed_status=$(curl -s -o /dev/null -w '%{http_code}' "$A/api/changes?after=0&limit=1")
[ "$feed_status" = 200 ] || fail "feed: GET /api/changes answered $feed_status"
if [ "$feed_status" = 200 ]; then
  after=0
  : >"$tmp/feed.txt"
  while :; do
    curl -s "$A/api/changes?after=$after&limit=500" >"$tmp/page.json"
    n=$(jq '.items | length' "$tmp/page.json")
    [ "$n" -gt 0 ] || break
    jq -r '.items[].sequence' "$tmp/page.json" >>"$tmp/feed.txt"
    after=$(jq -r .next "$tmp/page.json")
  done
  seen=$(wc -l <"$tmp/feed.txt")
  unique=$(sort -n -u "$tmp/feed.txt" | wc -l)
  if [ "$seen" -eq "$stored" ] && [ "$unique" -eq "$stored" ] && sort -n -c "$tmp/feed.txt" 2>/dev/null; then
    feed_result="$seen events once each, in order"
  else
    fail "feed: $seen items, $unique unique, $stored stored"
  fi
fi

hooks_result=FAIL
if [ -n "$hook_secret" ]; then
  # the worker delivers on its own schedule: wait until every stored event has arrived, or give up
  for _ in $(seq 1 600); do
    got=$(python3 "$repo/deploy/scale-out/webhook-receiver.py" --count "$tmp/deliveries.jsonl")
    [ "$got" -ge "$stored" ] && break
    sleep 0.2
  done
  if verdict=$(python3 "$repo/deploy/scale-out/webhook-receiver.py" --verify "$tmp/deliveries.jsonl" "$hook_secret" "$stored"); then
    hooks_result="$verdict"
  else
    fail "webhooks: $verdict"
  fi
fi

for name in worker api1 api2; do
  for secret in "$admin_key" "$poc"; do
    if grep -qF "$secret" "$tmp/$name.log"; then fail "an API key appears in the $name log"; fi
  done
done

# --- summary ------------------------------------------------------------------------------------------------
latency=$(awk '$2 == "\"POST" { sub(/s$/, "", $7); print $7 * 1000 }' "$tmp/nginx/access.log" | sort -n |
  awk '{ v[NR] = $1 } END { if (NR) printf "p50 %d ms, p95 %d ms", v[int(NR * 0.5) + 1], v[int(NR * 0.95) + 1] }')
rate=$(awk -v n=$((commitments * 5)) -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')
summary="scale-out: $ok/$total writes 2xx through nginx in ${elapsed}s ($rate writes/s, $concurrency clients, $latency);"
summary+=" api1 served $served1, api2 served $served2; read model $complete/$commitments; $stored events stored;"
summary+=" feed: $feed_result; webhooks: $hooks_result"
if [ "${#failures[@]}" -eq 0 ]; then
  echo "$summary; OK"
else
  echo "$summary; FAILED: ${failures[*]}"
  for name in worker api1 api2; do log "last lines of $name.log:"; tail -n 15 "$tmp/$name.log" >&2; done
  exit 1
fi
