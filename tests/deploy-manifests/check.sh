#!/usr/bin/env bash
# Validates deploy/k8s (JSON schema of each object, and how they fit) and deploy/compose.yaml + nginx.conf,
# without a cluster or Docker. Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node validate.mjs
