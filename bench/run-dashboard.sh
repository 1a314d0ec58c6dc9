#!/usr/bin/env bash
# Dashboard query latency over a filled database: starts a fresh server, loads EVENTS events
# (and EVENTS/10 request samples) spread over the last 29 days, then times the dashboard calls.
# Usage: bench/run-dashboard.sh [events=10000000] [iterations=100] [connections=1]
# Set KEEP_DATA=1 to keep the data directory (its path is printed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

EVENTS="${1:-10000000}"
ITERATIONS="${2:-100}"
CONNECTIONS="${3:-1}"

build_release
start_server

echo
bench fill --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" \
  --events "$EVENTS" --requests "$((EVENTS / 10))"
echo
echo "Database after the fill: $(du -sh "$VIGIL_DATA" | cut -f1)"
echo
bench dashboard --url "$VIGIL_URL" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
  --iterations "$ITERATIONS" --connections "$CONNECTIONS"
