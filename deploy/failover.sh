#!/usr/bin/env bash
# Proves that no worker process is a single point of failure, on one machine without Docker: a throwaway PostgreSQL,
# 1 API process (Worker__Enabled=false) taking steady writes, 2 worker processes (Worker__Enabled=true) of which one
# leads (webhook dispatch, projection-lag sampling), and 2 webhook subscriptions to local receivers. Mid-stream it
# kill -9s the leading worker, then checks:
#   - the other worker takes the leadership, and deliveries resume, within FAILOVER_BOUND seconds of the kill;
#   - before the kill only one worker led;
#   - every write got 2xx;
#   - every event reaches every subscription, correctly signed, in order, with at most one event (the one in flight at
#     the kill) delivered twice, and nothing lost.
# Ends with one summary line (the measured takeover times); exit 0 only if every check passed, never a skip.
#
#   FAILOVER_BOUND=15      seconds allowed from the kill to the first delivery by the new leader
#   FAILOVER_BEFORE=6      seconds of writes and deliveries before the kill
#   FAILOVER_AFTER=8       seconds of writes after the kill
#   FAILOVER_KEEP=1        keep the temp dir (logs) after exit
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bound=${FAILOVER_BOUND:-15}
before=${FAILOVER_BEFORE:-6}
after=${FAILOVER_AFTER:-8}
tmp=$(mktemp -d /tmp/ct-failover.XXXXXX)
chmod 755 "$tmp"
log() { echo "[failover] $*" >&2; }
failures=()
fail() { failures+=("$1"); log "FAIL: $1"; }
# shellcheck source=deploy/scale-out/lib.sh
source "$repo/deploy/scale-out/lib.sh"

cleanup() {
  local status=$?
  touch "$tmp/stop-writes"
  stop_all
  if [ "${FAILOVER_KEEP:-0}" = 1 ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in curl jq python3; do command -v "$tool" >/dev/null || { log "$tool is missing"; exit 1; }; done
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- PostgreSQL, the build, the processes ---------------------------------------------------------------------
db=$(env -u ConnectionStrings__Postgres -u TEST_DATABASE_URL bash deploy/local-postgres.sh start "$tmp/pg" | tail -n 1)
schema="failover_$$"
admin_key="ct_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
log "publishing the API (Release) once…"
publish_app

# Leadership at its defaults (tried every 2 s), so the measured takeover is what a deployment gets.
w1_port=$(free_port); start_app worker-1 "$w1_port" true OpenTelemetry__LagSampleSeconds=1
w1_pid=${pids[-1]}
wait_ready "http://127.0.0.1:$w1_port" "$tmp/worker-1.log" # the first applies the schema; the others do not race it
w2_port=$(free_port); start_app worker-2 "$w2_port" true OpenTelemetry__LagSampleSeconds=1
w2_pid=${pids[-1]}
api_port=$(free_port); start_app api "$api_port" false
wait_ready "http://127.0.0.1:$w2_port" "$tmp/worker-2.log"
wait_ready "http://127.0.0.1:$api_port" "$tmp/api.log"
A="http://127.0.0.1:$api_port"
J='content-type: application/json'
leads() { grep -c "now leads" "$tmp/$1.log" || true; }
for _ in $(seq 1 100); do [ $(( $(leads worker-1) + $(leads worker-2) )) -gt 0 ] && break; sleep 0.1; done

# --- data, subscriptions, receivers ----------------------------------------------------------------------------
curl -fs -X POST "$A/api/members" -H "X-Api-Key: $admin_key" -H "$J" \
  -d '{"code":"UA","kind":"National","name":{"uk":"Україна","en":"Ukraine"},"region":"Europe","defaultLanguage":"uk"}' >/dev/null
plan=$(curl -fs -X POST "$A/api/action-plans" -H "X-Api-Key: $admin_key" -H "$J" \
  -d '{"memberCode":"UA","title":{"uk":"План дій","en":"Action Plan"},"period":{"start":"2024-01-01","end":"2025-12-31"}}' | jq -r .id)
secrets=()
for n in 1 2; do
  start_receiver "receiver-$n" "$tmp/deliveries-$n.jsonl"
  created=$(curl -fs -X POST "$A/api/webhooks" -H "X-Api-Key: $admin_key" -H "$J" -d "{\"url\":\"http://127.0.0.1:$receiver_port/hook\"}")
  secrets+=("$(jq -r .secret <<<"$created")")
  echo "$(jq -r .deliveredThrough <<<"$created")" >"$tmp/start-$n"
done

# --- steady writes through the API -----------------------------------------------------------------------------
writer() {
  local i=0
  while [ ! -e "$tmp/stop-writes" ]; do
    i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$A/api/action-plans/$plan/commitments" -H "X-Api-Key: $admin_key" -H "$J" \
      -d "{\"title\":{\"uk\":\"Моніторинг $i\",\"en\":\"Monitoring $i\"},
          \"leadInstitution\":{\"name\":\"Cabinet of Ministers\",\"kind\":\"Government\"},
          \"policyAreas\":[\"PublicServiceDelivery\"],\"ogpValues\":[\"CivicParticipation\"]}" >>"$tmp/writes.txt"
    sleep 0.1
  done
}
writer &
writer_pid=$!
sleep "$before"

# --- kill the leader -----------------------------------------------------------------------------------------------
l1=$(leads worker-1); l2=$(leads worker-2)
if [ "$l1" -eq 1 ] && [ "$l2" -eq 0 ]; then leader=worker-1 leader_pid=$w1_pid other=worker-2
elif [ "$l2" -eq 1 ] && [ "$l1" -eq 0 ]; then leader=worker-2 leader_pid=$w2_pid other=worker-1
else fail "before the kill exactly one worker leads (worker-1: $l1 terms, worker-2: $l2)"; leader=worker-1 leader_pid=$w1_pid other=worker-2
fi
delivered() { cat "$tmp"/deliveries-*.jsonl 2>/dev/null | wc -l; }
[ "$(delivered)" -gt 0 ] || fail "nothing was delivered before the kill"
kill -9 "$leader_pid"
killed_at=$(now)
wait "$leader_pid" 2>/dev/null || true
at_kill=$(delivered)
log "killed $leader (pid $leader_pid) after $at_kill deliveries; waiting for $other"
took_lead="" resumed=""
for _ in $(seq 1 $(( (bound + 10) * 10 ))); do
  [ -z "$took_lead" ] && [ "$(leads "$other")" -gt 0 ] && took_lead=$(seconds "$killed_at" "$(now)")
  [ -z "$resumed" ] && [ "$(delivered)" -gt "$at_kill" ] && resumed=$(seconds "$killed_at" "$(now)")
  [ -n "$took_lead" ] && [ -n "$resumed" ] && break
  sleep 0.1
done
[ -n "$took_lead" ] || fail "$other never took the leadership"
[ -n "$resumed" ] && awk -v r="$resumed" -v b="$bound" 'BEGIN { exit !(r <= b) }' ||
  fail "deliveries resumed ${resumed:-never} s after the kill (bound $bound s)"
sleep "$after"
touch "$tmp/stop-writes"
wait "$writer_pid" || true

# --- checks ----------------------------------------------------------------------------------------------------------
writes=$(wc -l <"$tmp/writes.txt")
ok=$(grep -c '^2' "$tmp/writes.txt" || true)
[ "$writes" -gt 0 ] && [ "$ok" -eq "$writes" ] || fail "writes: $ok of $writes got 2xx"
head=$(psql_db -c "select coalesce(max(seq_id), 0) from $schema.mt_events")
results=()
for n in 1 2; do
  start=$(cat "$tmp/start-$n")
  # Tombstones fill the numbers of rolled-back appends: not changes, never delivered.
  psql_db -c "select seq_id from $schema.mt_events where seq_id > $start and type <> 'tombstone' order by seq_id" >"$tmp/expected-$n"
  expected=$(wc -l <"$tmp/expected-$n")
  for _ in $(seq 1 600); do
    [ "$(python3 deploy/scale-out/webhook-receiver.py --count "$tmp/deliveries-$n.jsonl")" -ge "$expected" ] && break
    sleep 0.2
  done
  signed=$(python3 deploy/scale-out/webhook-receiver.py --verify "$tmp/deliveries-$n.jsonl" "${secrets[$((n - 1))]}" "$expected") ||
    fail "subscription $n: $signed"
  # Arrival order, exactly: each expected event, ascending, and at most one event twice in a row (the one in flight).
  verdict=$(python3 - "$tmp/deliveries-$n.jsonl" "$tmp/expected-$n" <<'PY'
import json, sys
arrived = [int(json.loads(l)["headers"].get("x-ogp-event-sequence", -1)) for l in open(sys.argv[1]) if l.strip()]
expected = [int(l) for l in open(sys.argv[2]) if l.strip()]
repeats = [a for a, b in zip(arrived, arrived[1:]) if a == b]
distinct = [a for i, a in enumerate(arrived) if i == 0 or arrived[i - 1] != a]
problems = []
if distinct != expected:
    missing = sorted(set(expected) - set(arrived))
    extra = sorted(set(arrived) - set(expected))
    problems.append(f"arrivals differ from the log: missing {missing[:5]}, unexpected {extra[:5]}, "
                    f"out of order: {distinct != sorted(distinct)}")
if len(repeats) > 1:
    problems.append(f"{len(repeats)} events delivered twice: {repeats[:5]}")
print(("; ".join(problems) or f"{len(expected)} events in order") + f", {len(arrived)} deliveries, repeated: {repeats or 'none'}")
sys.exit(1 if problems else 0)
PY
  ) || fail "subscription $n: $verdict"
  results+=("subscription $n: $verdict")
done
for name in worker-1 worker-2 api; do
  if grep -qF "$admin_key" "$tmp/$name.log"; then fail "the admin key appears in the $name log"; fi
done

summary="failover: killed the leading $leader under writes; $other took the leadership ${took_lead:-never} s and delivered"
summary+=" again ${resumed:-never} s after the kill (bound $bound s); $ok/$writes writes 2xx; head $head; ${results[*]}"
if [ "${#failures[@]}" -eq 0 ]; then
  echo "$summary; OK"
else
  echo "$summary; FAILED: ${failures[*]}"
  for name in worker-1 worker-2 api; do log "last lines of $name.log:"; tail -n 15 "$tmp/$name.log" >&2; done
  exit 1
fi
