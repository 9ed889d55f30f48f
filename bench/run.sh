#!/usr/bin/env bash
# The benchmark, in one command, on one machine:
#
#   bash bench/run.sh [--size full|smoke] [--out FILE]
#
# full (default): 100,000 commitments (> 1M events), 20 s per load run, writes bench/RESULTS.md.
# smoke: 2,000 commitments, 5 s per run, writes bench/out/RESULTS-smoke.md (CI: proves the command works, no timing asserted).
#
# Either size exits 1, after writing the report, when anything was not measured: a wrk run that failed, answered a
# non-2xx or had a socket error; a GraphQL document answered with errors; pgbench, the search counts or the rebuild
# failed; the API did not get ready after a restart; or report.py found a figure missing (bench/README in RESULTS.md).
#
# It starts a throwaway PostgreSQL (deploy/local-postgres.sh), builds Release, generates the data set through the event
# store, starts the API, drives it with wrk (scripts in bench/lua), runs pgbench on the same server as the write
# baseline, rebuilds every projection, and writes the figures with the machine, the versions and the goals.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

size=full
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--size full|smoke] [--out FILE]" >&2; exit 2 ;;
  esac
done
case "$size" in
  full) commitments=100000; duration=20; out=${out:-bench/RESULTS.md} ;;
  smoke) commitments=2000; duration=5; out=${out:-bench/out/RESULTS-smoke.md} ;;
  *) echo "--size is full or smoke" >&2; exit 2 ;;
esac
seed=42
work="$repo/bench/out/$size"
rm -rf "$work" && mkdir -p "$work" "$(dirname "$out")"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }
failures=()
fail() { failures+=("$1"); log "FAIL: $1"; }
started_at=$(date -u +%FT%TZ)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tools: wrk and pgbench from Debian's packages ---------------------------------------------------------------
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then log "missing $1 and not root: install Debian's $1 package"; exit 1; fi
  log "installing Debian's $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "$@" >&2; }
}
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v jq >/dev/null 2>&1 || apt_install jq
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)" 2>/dev/null || true)
[ -x "$pg_bin/pgbench" ] || { apt_install postgresql postgresql-contrib; pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"); }

# --- a throwaway PostgreSQL ----------------------------------------------------------------------------------------
data_dir=$(mktemp -d /tmp/ct-bench-pg.XXXXXX)
api_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  bash deploy/local-postgres.sh stop "$data_dir" >/dev/null 2>&1 || true
  rm -rf "$data_dir"
}
trap cleanup EXIT
conn=$(env -u ConnectionStrings__Postgres -u TEST_DATABASE_URL bash deploy/local-postgres.sh start "$data_dir" | tail -n 1)
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$conn")
psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

# --- build ------------------------------------------------------------------------------------------------------------
log "building Release"
bash build/drop-redirect-package.sh
dotnet build src/CommitmentTracker.Generator -c Release -nologo -v q >&2
gen="$repo/src/CommitmentTracker.Generator/bin/Release/net10.0/CommitmentTracker.Generator.dll"
api_bin="$repo/src/CommitmentTracker.Api/bin/Release/net10.0"

# --- data ---------------------------------------------------------------------------------------------------------------
log "generating $commitments commitments (seed $seed)"
dotnet "$gen" generate --commitments "$commitments" --seed "$seed" --connection "$conn" --latency-out "$work/latency.tsv" \
  > "$work/generate.json" 2> >(tee "$work/generate.log" >&2)
psql -c "vacuum analyze" 2>/dev/null

# --- the API ----------------------------------------------------------------------------------------------------------
api_port=5180
while (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; do api_port=$((api_port + 1)); done
base="http://127.0.0.1:$api_port"
ready() { # LOG: wait for /health/ready; false when it never comes
  for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
  log "the API did not get ready:"; tail -n 40 "$1" >&2; return 1
}
admin_key="ct_bench_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
log "starting the API on $base"
env ConnectionStrings__Postgres="$conn" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
  Auth__BootstrapAdminKey="$admin_key" Bench__BareEndpoint=true RateLimits__Enabled=false \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
  dotnet "$api_bin/CommitmentTracker.Api.dll" --contentRoot "$api_bin" > "$work/api.log" 2>&1 &
api_pid=$!
ready "$work/api.log" || exit 1

# A PoC key for every member, issued with the bootstrap admin key.
members=$(psql -c "select json_agg(id order by id) from ogp.mt_doc_member")
poc_key=$(curl -fs -X POST "$base/api/api-keys" -H "X-Api-Key: $admin_key" -H 'content-type: application/json' \
  -d "{\"name\":\"bench poc\",\"role\":\"poc\",\"organisation\":\"bench\",\"members\":$members}" | jq -r .secret)
# Commitments that take writes (not withdrawn) with their first milestone, in a fixed order.
psql -c "select id || ' ' || (data -> 'Milestones' -> 0 ->> 'Id') from ogp.mt_doc_commitment
         where data ->> 'Withdrawn' = 'false' order by md5(id) limit 20000" > "$work/targets.txt"

export BENCH_LUA="$repo/bench/lua" BENCH_TARGETS="$work/targets.txt" BENCH_KEY="$poc_key"
results="$work/results.jsonl"
: > "$results"
# run NAME CONNECTIONS SCRIPT PATH [BENCH_QUERY file]: one wrk run, its JSON summary appended to results.jsonl.
# A run counts only when wrk succeeded and every answer was 2xx without a socket error; a GraphQL document is first sent
# once and must answer data without errors (GraphQL reports a refused query with 200).
run() {
  local name=$1 connections=$2 script=$3 path=$4 query=${5:-} threads=2
  [ "$connections" -lt 2 ] && threads=1
  if [ -n "$query" ] && ! graphql_answers "$query" > "$work/$name.probe.json"; then
    fail "$name: $query answered errors or no data: $(head -c 300 "$work/$name.probe.json")"; return 0
  fi
  log "wrk $name: $connections connections, ${duration}s"
  if ! BENCH_QUERY="$query" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "bench/lua/$script" "$base$path" \
    > "$work/$name.txt" 2>&1; then
    fail "wrk $name failed: $(tail -n 3 "$work/$name.txt" | tr '\n' ' ')"; return 0
  fi
  local summary; summary=$(grep '^{' "$work/$name.txt" | tail -n 1)
  if [ -z "$summary" ]; then fail "wrk $name printed no summary"; return 0; fi
  jq -e '.requests > 0 and .non2xx == 0 and .socketErrors == 0' <<<"$summary" >/dev/null ||
    fail "wrk $name: $(jq -r '"\(.requests) requests, \(.non2xx) non-2xx, \(.socketErrors) socket errors"' <<<"$summary")"
  jq -c --arg name "$name" --argjson c "$connections" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
    '. + {name: $name, connections: $c, load: $load}' <<<"$summary" >> "$results"
}
graphql_answers() { # FILE: POST the document once; prints the answer, fails unless it has data and no errors
  local answer; answer=$(curl -s -X POST "$base/graphql" -H 'content-type: application/json' -d "$(jq -Rs '{query: .}' "$1")")
  echo "$answer"
  jq -e '(.errors | not) and (.data | type == "object") and ([.data[]] | all(. != null))' <<<"$answer" >/dev/null
}
warm() { BENCH_QUERY="${3:-}" wrk -t1 -c2 -d"$((duration < 10 ? 3 : 5))s" -s "bench/lua/$1" "$base$2" >/dev/null 2>&1 || true; }

q_ka=$(jq -rn --arg q 'მონიტორინგ' '$q|@uri')
q_latin=procurement
log "warming up"
warm write.lua /; warm read.lua /; warm plain.lua /bench/bare; warm plain.lua /bench/bare-db; warm plain.lua "/api/commitments?q=$q_latin&pageSize=20"
warm graphql.lua /graphql bench/queries/stats-by-member.graphql

# --- write path and its baseline --------------------------------------------------------------------------------------
psql -c "create table if not exists bench_baseline (id bigserial primary key, stream_id text not null, data jsonb not null, at timestamptz not null default now())"
run write-16 16 write.lua /
run write-64 64 write.lua /
# The floor of any write over HTTP: pgbench's insert, run by a bare endpoint of the same host.
run bare-insert-16 16 post.lua /bench/bare-insert
run bare-insert-64 64 post.lua /bench/bare-insert
for c in 16 64; do
  log "pgbench single-row insert: $c clients, ${duration}s"
  "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$c" -j 2 -T "$duration" -f bench/pgbench-insert.sql postgres \
    > "$work/pgbench-$c.txt" 2>&1 || fail "pgbench with $c clients failed: $(tail -n 3 "$work/pgbench-$c.txt" | tr '\n' ' ')"
  tps=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' "$work/pgbench-$c.txt" | tail -n 1)
  lat=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$work/pgbench-$c.txt")
  if [ -z "$tps" ] || [ -z "$lat" ]; then fail "pgbench with $c clients printed no tps or latency"; continue; fi
  jq -cn --arg name "pgbench-$c" --argjson c "$c" --argjson tps "$tps" --argjson lat "$lat" \
    '{name: $name, connections: $c, rps: $tps, latencyAverage: $lat}' >> "$results"
done

# --- read path, dashboards, search ----------------------------------------------------------------------------------
run read-16 16 read.lua /
run bare-16 16 plain.lua /bench/bare
run bare-db-16 16 plain.lua /bench/bare-db
run gql-stats-member 4 graphql.lua /graphql bench/queries/stats-by-member.graphql
run gql-stats-policy-area 4 graphql.lua /graphql bench/queries/stats-by-policy-area.graphql
run gql-nested 4 graphql.lua /graphql bench/queries/nested-plans-commitments-milestones.graphql
run search-ka 4 plain.lua "/api/commitments?q=$q_ka&pageSize=20"
run search-latin 4 plain.lua "/api/commitments?q=$q_latin&pageSize=20"
# The public site: the commitment page for random ids and the dashboard (every chart), rendered on the server.
warm site-commitment.lua /; warm plain.lua "/dashboard?lang=en"
run site-commitment 4 site-commitment.lua /
run site-dashboard 4 plain.lua "/dashboard?lang=en"
# The commitment page's weight: the commitment with the most milestones and history, its HTML plus the stylesheet
# (the site sends no script), uncompressed.
heaviest=$(psql -c "select id from ogp.mt_doc_commitment order by jsonb_array_length(data -> 'Milestones') desc, id limit 1")
html_bytes=$(curl -fs -H 'Accept-Encoding: identity' "$base/commitments/$heaviest?lang=en" | wc -c)
css_bytes=$(curl -fs -H 'Accept-Encoding: identity' "$base/site.css" | wc -c)
scripts=$(curl -fs "$base/commitments/$heaviest?lang=en" | grep -c '<script' || true)
jq -cn --arg id "$heaviest" --argjson html "$html_bytes" --argjson css "$css_bytes" --argjson scripts "$scripts" \
  '{id: $id, html: $html, css: $css, scripts: $scripts, total: ($html + $css)}' > "$work/site-weight.json"

# How many commitments each search term matches (the list counts them all for totalCount): a search that matches
# nothing would measure an empty answer, so each term must match at least one commitment.
: > "$work/search-matches.jsonl"
for q in "$q_ka" "$q_latin"; do
  curl -fs "$base/api/commitments?q=$q&pageSize=1" | jq -ce --arg q "$q" 'select(.totalCount > 0) | {q: ($q | @text), totalCount}' \
    >> "$work/search-matches.jsonl" || fail "search q=$q: the count failed or matched nothing"
done
peak_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$api_pid/status")
kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; api_pid=

# --- stats and search totals without their cache: what each costs when the data has just changed ----------------------
log "restarting the API with ResultCache:Enabled=false"
env ConnectionStrings__Postgres="$conn" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production ResultCache__Enabled=false \
  Auth__BootstrapAdminKey="$admin_key" RateLimits__Enabled=false Logging__LogLevel__Default=Warning \
  dotnet "$api_bin/CommitmentTracker.Api.dll" --contentRoot "$api_bin" > "$work/api-uncached.log" 2>&1 &
api_pid=$!
if ! ready "$work/api-uncached.log"; then fail "the API did not get ready after the restart with ResultCache:Enabled=false"; fi
warm graphql.lua /graphql bench/queries/stats-by-member.graphql
run gql-stats-member-uncached 4 graphql.lua /graphql bench/queries/stats-by-member.graphql
run gql-stats-policy-area-uncached 4 graphql.lua /graphql bench/queries/stats-by-policy-area.graphql
run search-ka-uncached 4 plain.lua "/api/commitments?q=$q_ka&pageSize=20"
run search-latin-uncached 4 plain.lua "/api/commitments?q=$q_latin&pageSize=20"
kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; api_pid=

# --- plans of the dashboard and search queries, for the record ---------------------------------------------------------
explain() { psql -c "explain (analyze, buffers, costs off) $1" > "$work/$2.plan.txt" 2>&1 || true; }
explain "select member_code, count(*), avg(progress), count(*) filter (where earliest_open_due < current_date)
         from ogp.mt_doc_commitment group by 1" stats-member
explain "select d.id, d.data from ogp.mt_doc_commitment d where d.id in (select s.id from ogp.mt_doc_commitmentsearch s
         where s.words @@ '''procurement'':*'::tsquery) order by d.id limit 20" search-latin-page
# The count runs as CommitmentCount runs it: with the seq-scan setting of SearchPlan.
psql -c "set enable_seqscan = off" -c "explain (analyze, buffers, costs off) select count(*) from ogp.mt_doc_commitmentsearch s
         where s.words @@ '''procurement'':*'::tsquery" > "$work/search-latin-count.plan.txt" 2>&1 || true
psql -c "select indexname || ': ' || indexdef from pg_indexes where schemaname = 'ogp'
         and tablename in ('mt_events', 'mt_streams', 'mt_doc_commitment', 'mt_doc_commitmentsearch') order by tablename, indexname" > "$work/indexes.txt"
psql -c "select json_build_object(
  'members', (select count(*) from ogp.mt_doc_member), 'plans', (select count(*) from ogp.mt_doc_actionplan),
  'commitments', (select count(*) from ogp.mt_doc_commitment),
  'milestones', (select sum(jsonb_array_length(data -> 'Milestones')) from ogp.mt_doc_commitment),
  'csoStreams', (select count(*) from ogp.mt_doc_csoassessment), 'events', (select count(*) from ogp.mt_events),
  'eventTypes', (select json_object_agg(type, n) from (select type, count(*) n from ogp.mt_events group by type order by 2 desc) t),
  'databaseSize', pg_size_pretty(pg_database_size('postgres')))" > "$work/dataset.json"

# --- projection rebuild -------------------------------------------------------------------------------------------------
log "rebuilding every projection from the events"
dotnet "$gen" rebuild --connection "$conn" > "$work/rebuild.json" 2> >(tee "$work/rebuild.log" >&2) ||
  fail "the rebuild failed: $(tail -n 3 "$work/rebuild.log" | tr '\n' ' ')"

# --- the report ---------------------------------------------------------------------------------------------------------
python3 bench/report.py --work "$work" --out "$out" --size "$size" --commitments "$commitments" --duration "$duration" \
  --peak-rss-kb "$peak_rss_kb" --started "$started_at" --load "$load_start / $(cut -d' ' -f1-3 /proc/loadavg)" --pg "$("$pg_bin/postgres" --version)" \
  --wrk "$(wrk -v 2>&1 | head -n 1)" --dotnet "$(dotnet --version)" \
  --marten "$(sed -nE 's/.*"Marten" Version="([^"]+)".*/\1/p' Directory.Packages.props)" ||
  fail "report.py: figures missing (listed above)"
log "wrote $out"
if [ "${#failures[@]}" -gt 0 ]; then
  log "FAILED, ${#failures[@]} problem(s):"; printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
