#!/usr/bin/env bash
# Ingest throughput and latency against a fresh server on an empty temporary data directory.
# Usage: bench/run-ingest.sh [duration-seconds=60] [connections=64] [batch=100] [offered-events-per-second]
# Without a rate the loop is closed (capacity); with one it is open (latency at that load).
# The first WARMUP seconds (default 10) of the same load are left out of the figures.
# Set USERS to spread the events over that many distinct users (default 100,000). Set TIMELINE=1 for a per-second table. Set KEEP_DATA=1 to keep the data directory (its path is printed).
# Set FORMAT=posthog (posthog-node's /batch/) or FORMAT=otlp (OTLP/HTTP protobuf /v1/traces; BATCH server spans per
# request, each with a client child span) to load another ingest path; the default is Vigil's own /v1/events.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

DURATION="${1:-60}"
CONNECTIONS="${2:-64}"
BATCH="${3:-100}"
RATE_ARGS=()
if [[ -n "${4:-}" ]]; then
  RATE_ARGS=(--rate "$4")
fi

build_release
start_server
sleep 2
IDLE_RSS="$(rss_kib "$VIGIL_PID")"

echo
echo "Idle server RSS after start: $(awk -v kib="$IDLE_RSS" 'BEGIN { printf "%.1f MiB", kib / 1024 }')"
echo
bench ingest --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" \
  --duration "$DURATION" --connections "$CONNECTIONS" --batch "$BATCH" "${RATE_ARGS[@]}" --warmup "${WARMUP:-10}" ${USERS:+--users "$USERS"} ${TIMELINE:+--timeline} --format "${FORMAT:-events}"
echo
echo "Database after the run: $(du -sh "$VIGIL_DATA" | cut -f1)"
