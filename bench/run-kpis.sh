#!/usr/bin/env bash
# Product KPI, revenue and goals-progress latency and server memory over a filled database: starts a fresh server,
# loads EVENTS events (and EVENTS/10 request samples) spread over the last 29 days, then times each call at most
# ITERATIONS times or for BUDGET seconds, whichever ends first.
# Usage: bench/run-kpis.sh [events=10000000] [iterations=50] [budget-seconds=60]
# Set KEEP_DATA=1 to keep the data directory (its path is printed); BENCH_DATA=<that directory> times it again without a fill.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

EVENTS="${1:-10000000}"
ITERATIONS="${2:-50}"
BUDGET="${3:-60}"

build_release
start_server

if [[ -z "${BENCH_DATA:-}" ]]; then
  echo
  bench fill --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" \
    --events "$EVENTS" --requests "$((EVENTS / 10))"
fi
echo
echo "Database: $(du -sh "$VIGIL_DATA" | cut -f1)"
echo
bench kpis --url "$VIGIL_URL" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
  --iterations "$ITERATIONS" --budget "$BUDGET"
