#!/usr/bin/env bash
# Log search latency: starts a fresh server (SQLite), loads LINES log lines through POST /v1/logs (Vigil's JSON, 1,000
# lines a request, spread over the last 13 days), then times each kind of search ITERATIONS times.
# Usage: bench/run-logs.sh [lines=10000000] [iterations=50] [connections=4]
# Set KEEP_DATA=1 to keep the data directory (its path is printed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

LINES="${1:-10000000}"
ITERATIONS="${2:-50}"
CONNECTIONS="${3:-4}"

build_release
start_server

echo
bench logs --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
  --lines "$LINES" --iterations "$ITERATIONS" --connections "$CONNECTIONS"
echo
echo "Database after the fill: $(du -sh "$VIGIL_DATA" | cut -f1)"
