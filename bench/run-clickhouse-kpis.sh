#!/usr/bin/env bash
# Product KPI, revenue and goals-progress latency and Vigil's memory with PostgreSQL + ClickHouse, on a fresh
# ClickHouse server and PostgreSQL started here: loads EVENTS events (and EVENTS/10 request samples) over the last
# 29 days through Vigil's ingestion API, as bench/run-kpis.sh does for SQLite, waits for the spool to ship them, then
# times each call at most ITERATIONS times or for BUDGET seconds, whichever ends first.
# Usage: bench/run-clickhouse-kpis.sh [events=10000000] [iterations=50] [budget-seconds=60]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

EVENTS="${1:-10000000}"
ITERATIONS="${2:-50}"
BUDGET="${3:-60}"

build_release
start_scaled_out_server

echo
bench fill --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" --events "$EVENTS" --requests "$((EVENTS / 10))"
wait_for_spool
echo
echo "ClickHouse data: $(du -sh "$test_servers_root/clickhouse/data" | cut -f1)"
echo
bench kpis --url "$VIGIL_URL" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
  --iterations "$ITERATIONS" --budget "$BUDGET"
