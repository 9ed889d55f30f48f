#!/usr/bin/env bash
# The four trust proofs (issue 5) at a bigger size than CI runs them, with their figures written to bench/TRUST.md.
#
#   bash deploy/trust-proofs.sh                                   # 200 writers, 16 fault writers, 30 s outage
#   WRITERS=500 FAULT_WRITERS=32 FAULT_SECONDS=60 bash deploy/trust-proofs.sh
#
# It runs the same tests as CI (tests/.../Features/Proofs) through deploy/test.sh, sized by PROOF_* variables, and
# collects the "PROOF ..." line each proof prints. CI runs the defaults (50 writers, 4 fault writers, 3 s outage).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

export PROOF_WRITERS=${WRITERS:-200} PROOF_FAULT_WRITERS=${FAULT_WRITERS:-16} PROOF_FAULT_SECONDS=${FAULT_SECONDS:-30}
results=$(mktemp -d /tmp/ct-trust-proofs.XXXXXX)
trap 'rm -rf "$results"' EXIT

started=$(date -u +%Y-%m-%dT%H:%MZ)
status=0
bash deploy/test.sh --filter "FullyQualifiedName~Features.Proofs" \
  --logger "trx;LogFileName=proofs.trx" --results-directory "$results" || status=$?

# Each proof prints one or more "PROOF <kind> key=value ..." lines into the test's output (kept in the trx file).
grep -ohE 'PROOF [a-z]+( [a-z0-9_]+=[^ <]+)+' "$results"/*.trx | sort > "$results/figures" || true
[ -s "$results/figures" ] || { echo "no proof figures were reported" >&2; exit 1; }

table() { # kind → a markdown table: one column per key, one row per line of that kind
  grep "^PROOF $1 " "$results/figures" | awk '
    { row = "|"; head = "|"; rule = "|"
      for (i = 3; i <= NF; i++) { split($i, kv, "="); head = head " " kv[1] " |"; rule = rule " --- |"; row = row " " kv[2] " |" }
      if (NR == 1) { print head; print rule }
      print row }'
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg=$("$pg_bin/postgres" --version 2>/dev/null | awk '{print "PostgreSQL " $3}' || true)
{
  echo "# Trust proofs: measured figures"
  echo
  echo "Written by \`deploy/trust-proofs.sh\` on $started: $(nproc) cores, ${pg:-PostgreSQL}, in-process host (WebApplicationFactory)."
  echo "Size: PROOF_WRITERS=$PROOF_WRITERS, PROOF_FAULT_WRITERS=$PROOF_FAULT_WRITERS, PROOF_FAULT_SECONDS=$PROOF_FAULT_SECONDS. Tests: $([ $status -eq 0 ] && echo passed || echo "FAILED (exit $status)")."
  echo
  echo "## 1. Concurrency: writers on one milestone (WriteLoadProofTests)"
  echo
  table concurrency
  echo
  echo "## 2. Fault: PostgreSQL stopped with \`pg_ctl stop -m immediate\`, restarted (PostgresRestartProofTests)"
  echo
  table fault
  echo
  echo "## 3. Hostile input corpus, tests/corpus/bad-requests.jsonl (BadInputCorpusTests)"
  echo
  table corpus
  echo
  echo "## 4. Authorization matrix (AuthorizationMatrixTests)"
  echo
  table matrix
} > bench/TRUST.md
cat bench/TRUST.md
exit "$status"
