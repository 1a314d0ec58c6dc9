#!/usr/bin/env bash
# Log search latency with PostgreSQL + ClickHouse, on a fresh ClickHouse server and PostgreSQL started here: ClickHouse
# generates LINES lines of the shape run-logs.sh loads (bench/generate-logs.sh; the API would take hours here), then
# every kind of search is timed ITERATIONS times, ROUNDS times over.
# Usage: bench/run-clickhouse-logs.sh [lines=10000000] [iterations=50] [rounds=3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
source "$(dirname "${BASH_SOURCE[0]}")/generate-logs.sh"

LINES="${1:-10000000}"
ITERATIONS="${2:-50}"
ROUNDS="${3:-3}"

build_release
start_scaled_out_server

started=$(date +%s)
generate_clickhouse_logs "$LINES" $(($(date +%s%3N) - 13 * 86400000))
echo "Generated $(clickhouse_query "SELECT count() FROM logs") lines in $(($(date +%s) - started)) s; ClickHouse data $(du -sh "$test_servers_root/clickhouse/data" | cut -f1)"

for round in $(seq 1 "$ROUNDS"); do
  echo
  echo "Round $round of $ROUNDS"
  bench logs --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
    --lines "$LINES" --filled --iterations "$ITERATIONS"
done
