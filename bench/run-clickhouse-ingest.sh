#!/usr/bin/env bash
# Ingest into ClickHouse through Vigil, then ClickHouse's own INSERT … FORMAT JSONEachRow of the same events from the
# same load generator, in one run, on a fresh ClickHouse server and PostgreSQL started here on loopback.
# Usage: bench/run-clickhouse-ingest.sh [duration-seconds=60] [connections=64] [batch=100]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

DURATION="${1:-60}"
CONNECTIONS="${2:-64}"
BATCH="${3:-100}"

wait_for_merges() {
  for _ in $(seq 1 600); do
    [[ "$(clickhouse_query "SELECT count() FROM system.merges")" == "0" ]] && return 0
    sleep 1
  done
}

build_release
start_scaled_out_server
echo
echo "## Through Vigil (acknowledged once in the node's spool)"
started=$(date +%s.%N)
bench ingest --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" \
  --duration "$DURATION" --connections "$CONNECTIONS" --batch "$BATCH" --warmup 0
sent_done=$(date +%s.%N)
wait_for_spool
drained=$(date +%s.%N)
landed=$(clickhouse_query "SELECT count() FROM events")
echo
echo "In ClickHouse: $landed events; the spool drained $(awk -v a="$sent_done" -v b="$drained" 'BEGIN { printf "%.1f", b - a }') s after the load stopped."
echo "Landed in ClickHouse through Vigil: $(awk -v n="$landed" -v a="$started" -v b="$drained" 'BEGIN { printf "%\047d", n / (b - a) }') events/s (load start to spool drained)"
VIGIL_RATE=$(awk -v n="$landed" -v a="$started" -v b="$drained" 'BEGIN { printf "%d", n / (b - a) }')
stop_server

wait_for_merges
echo
echo "## Straight to ClickHouse (the same events as rows, INSERT INTO events FORMAT JSONEachRow)"
before=$(clickhouse_query "SELECT count() FROM events")
bench ingest --url "$CLICKHOUSE_URL" --clickhouse-database vigil \
  --duration "$DURATION" --connections "$CONNECTIONS" --batch "$BATCH" --warmup 0 | tee "$test_servers_root/direct.txt"
after=$(clickhouse_query "SELECT count() FROM events")
DIRECT_RATE=$(awk -v n="$((after - before))" -v d="$DURATION" 'BEGIN { printf "%d", n / d }')
wait_for_merges
echo
echo "## Straight to ClickHouse in large inserts (for reference: 4 connections × 10,000 rows, the way Vigil's shipper batches)"
before=$(clickhouse_query "SELECT count() FROM events")
bench ingest --url "$CLICKHOUSE_URL" --clickhouse-database vigil \
  --duration "$DURATION" --connections 4 --batch 10000 --warmup 0
after=$(clickhouse_query "SELECT count() FROM events")
LARGE_RATE=$(awk -v n="$((after - before))" -v d="$DURATION" 'BEGIN { printf "%d", n / d }')
echo
echo "Vigil reached $(awk -v v="$VIGIL_RATE" -v c="$DIRECT_RATE" 'BEGIN { printf "%.0f", 100 * v / c }')% of ClickHouse's own rate ($VIGIL_RATE vs $DIRECT_RATE events/s landed);"
echo "ClickHouse in large inserts took $LARGE_RATE events/s, so Vigil reached $(awk -v v="$VIGIL_RATE" -v c="$LARGE_RATE" 'BEGIN { printf "%.0f", 100 * v / c }')% of that."
