#!/usr/bin/env bash
# Starts the service on http://127.0.0.1:5080 (or ASPNETCORE_URLS) with its own local PostgreSQL.
# Set ConnectionStrings__Postgres to use an existing server instead. Ctrl+C stops both.
# --sample first fills an EMPTY store with the generator's small deterministic data set (real seed texts in five
# scripts, national and local members, plans with history, all three kinds of assessment); the site then carries a
# "sample data" banner on every page. A store that already holds data is refused, and nothing is written.
set -euo pipefail
sample=0
for arg in "$@"; do
  case "$arg" in
    --sample) sample=1 ;;
    *) echo "usage: deploy/run.sh [--sample]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

started_local=0
if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ConnectionStrings__Postgres=$(bash deploy/local-postgres.sh start "$repo/.data/pg" | tail -n 1)
  started_local=1
fi
export ConnectionStrings__Postgres
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

# The bootstrap admin key: made once, kept in .data/ (git-ignored, mode 600), never printed.
if [ -z "${Auth__BootstrapAdminKey:-}" ]; then
  key_file="$repo/.data/admin.key"
  if [ ! -s "$key_file" ]; then
    mkdir -p "$repo/.data"
    (umask 077; head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | sed 's/^/ct_/' > "$key_file")
  fi
  Auth__BootstrapAdminKey=$(cat "$key_file")
  export Auth__BootstrapAdminKey
  admin_hint="the admin API key is in $key_file (send it as X-Api-Key)"
else
  admin_hint="the admin API key is the Auth__BootstrapAdminKey you set"
fi

bash build/drop-redirect-package.sh
dotnet build src/CommitmentTracker.Api -c Release -nologo -v q
if [ "$sample" = 1 ]; then
  dotnet build src/CommitmentTracker.Generator -c Release -nologo -v q
  echo "Filling the empty store with the sample data set..."
  if ! dotnet "$repo/src/CommitmentTracker.Generator/bin/Release/net10.0/CommitmentTracker.Generator.dll" sample \
      --connection "$ConnectionStrings__Postgres" --schema "${Marten__Schema:-ogp}" >/dev/null; then
    [ "$started_local" = 1 ] && bash deploy/local-postgres.sh stop "$repo/.data/pg" || true
    exit 3
  fi
fi
cleanup() { [ "$started_local" = 1 ] && bash deploy/local-postgres.sh stop "$repo/.data/pg" || true; }

url=${ASPNETCORE_URLS%%;*}
cat <<MSG
OGP Commitment Tracker starting on $url
  The site:   $url/   (public pages in en, ka, hy, uk, az, ky; the embeddable card at $url/embed/commitments/{id})
  Swagger UI: $url/swagger
  OpenAPI:    $url/swagger/v1/swagger.json
  GraphQL:    $url/graphql   (SDL: $url/graphql/schema.graphql)
  Health:     $url/health/ready
  Writes:     $admin_hint
MSG
# Run the app as a child so Ctrl+C or TERM shuts it down gracefully and then stops our PostgreSQL.
bin="$repo/src/CommitmentTracker.Api/bin/Release/net10.0"
dotnet "$bin/CommitmentTracker.Api.dll" --contentRoot "$bin" &
app=$!
trap 'kill -TERM "$app" 2>/dev/null || true' INT TERM
trap cleanup EXIT
wait "$app" || true
wait "$app" 2>/dev/null || true
