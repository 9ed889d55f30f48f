#!/usr/bin/env bash
# The README's first-run command end to end: `deploy/run.sh --sample` on an empty store serves the site with the sample
# banner, members, plans and all three kinds of assessment; run again on that store it refuses (exit 3), says why, and
# writes nothing. Uses a throwaway PostgreSQL and a free port, never the developer's .data/.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
log() { echo "[sample-check] $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

data_dir=$(mktemp -d /tmp/ct-sample-pg.XXXXXX)
work=$(mktemp -d /tmp/ct-sample.XXXXXX)
app=""
cleanup() {
  [ -n "$app" ] && kill -TERM "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  bash deploy/local-postgres.sh stop "$data_dir" >/dev/null 2>&1 || true
  rm -rf "$data_dir" "$work"
}
trap cleanup EXIT

export ConnectionStrings__Postgres
ConnectionStrings__Postgres=$(env -u ConnectionStrings__Postgres -u TEST_DATABASE_URL bash deploy/local-postgres.sh start "$data_dir" | tail -n 1)
export Marten__Schema=sample_check
export Auth__BootstrapAdminKey="ct_sample_check_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ASPNETCORE_URLS="http://127.0.0.1:$port"
base=$ASPNETCORE_URLS

log "first run: bash deploy/run.sh --sample on an empty store ($base)"
bash deploy/run.sh --sample > "$work/run1.out" 2> "$work/run1.err" &
app=$!
for _ in $(seq 1 240); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/run1.err" >&2; fail "run.sh --sample exited before the service was ready"; }
  sleep 1
done
curl -fs "$base/health/ready" >/dev/null || fail "the service was not ready after 240 s"
grep -q "The site:   $base/" "$work/run1.out" || fail "run.sh did not say where the site is"

home=$(curl -fs "$base/?lang=en") || fail "GET / did not answer 200"
grep -q "Sample data" <<<"$home" || fail "the home page has no sample data banner"
members=$(curl -fs "$base/api/members?pageSize=200" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted({m["kind"] for m in d["items"]})), len(d["items"]))')
[[ "$members" == "Local National "* ]] || fail "expected national and local members, got: $members"
read -r cso irm <<<"$(curl -fs "$base/api/commitments?pageSize=200" | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(sum(1 for c in items if c["assessments"]["cso"]), sum(1 for c in items if c["assessments"].get("irm")))')"
[ "$cso" -gt 0 ] && [ "$irm" -gt 0 ] || fail "expected CSO and IRM assessments on the first page, got cso=$cso irm=$irm"
id=$(curl -fs "$base/api/commitments?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
page=$(curl -fs "$base/commitments/$id?lang=ka") || fail "GET /commitments/$id did not answer 200"
grep -q 'class="banner"' <<<"$page" || fail "the commitment page has no sample banner"
events=$(curl -fs "$base/api/changes?limit=1" -o /dev/null -w '%{http_code}')
[ "$events" = 200 ] || fail "GET /api/changes answered $events"
log "served: members $members; first page: $cso commitments with CSO views, $irm with the IRM's; /commitments/$id in Georgian"

kill -TERM "$app"; wait "$app" 2>/dev/null || true; app=""
count_events() { psql "$(python3 - "$ConnectionStrings__Postgres" <<'PY'
import sys
kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
print(f"host={kv['Host']} port={kv['Port']} user={kv['Username']} dbname={kv['Database']}")
PY
)" -Atc "select count(*) from sample_check.mt_events"; }
before=$(count_events)

log "second run on the filled store: it must refuse"
set +e
bash deploy/run.sh --sample > "$work/run2.out" 2> "$work/run2.err"
status=$?
set -e
[ "$status" = 3 ] || { cat "$work/run2.err" >&2; fail "the second run exited $status, not 3"; }
grep -q "refusing to add sample data" "$work/run2.err" || fail "the refusal does not say why"
after=$(count_events)
[ "$before" = "$after" ] || fail "the refused run changed the store: $before events before, $after after"
log "OK: refused with exit 3 ($(grep -o 'already holds [0-9,]* events' "$work/run2.err")), store unchanged at $after events"
