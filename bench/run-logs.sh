#!/usr/bin/env bash
# Log search latency on SQLite: starts a fresh server, loads LINES log lines, then times each kind of search
# ITERATIONS times, ROUNDS times over (other work on the machine comes and goes: report the range of the rounds).
#   fill=api       through POST /v1/logs (Vigil's JSON, 1,000 lines a request, CONNECTIONS at once, spread over the
#                  last 13 days);
#   fill=generate  the same lines written into the stopped server's file by sqlite3 (bench/generate-logs.sh), because
#                  the API loads a few thousand lines a second on a busy 2-core machine: 10 M lines would take an hour.
# Usage: bench/run-logs.sh [lines=10000000] [iterations=50] [connections=4] [rounds=3] [fill=api|generate]
# KEEP_DATA=1 keeps the data directory (its path is printed); BENCH_DATA=<that directory> searches it again, no fill.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
source "$(dirname "${BASH_SOURCE[0]}")/generate-logs.sh"

LINES="${1:-10000000}"
ITERATIONS="${2:-50}"
CONNECTIONS="${3:-4}"
ROUNDS="${4:-3}"
FILL="${5:-api}"

build_release
filled=(--filled)
if [[ -n "${BENCH_DATA:-}" ]]; then
  started=$(date +%s)
  start_server
  echo "Server up in $(($(date +%s) - started)) s (a kept directory's first start under a newer version migrates it)"
elif [[ "$FILL" == "generate" ]]; then
  start_server
  # Stopped, the server keeps its file (with the schema and project 1) while sqlite3 writes into it.
  BENCH_DATA="$VIGIL_DATA"
  stop_server
  started=$(date +%s)
  generate_sqlite_logs "$VIGIL_DATA/vigil.db" 0 "$LINES" $(($(date +%s%3N) - 13 * 86400000))
  echo "Generated $LINES lines in $(($(date +%s) - started)) s"
  start_server
  if [[ -z "${KEEP_DATA:-}" ]]; then
    trap 'stop_server; rm -rf "$BENCH_DATA"' EXIT
  fi
else
  start_server
  filled=()
fi

for round in $(seq 1 "$ROUNDS"); do
  echo
  echo "Round $round of $ROUNDS"
  bench logs --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
    --lines "$LINES" --iterations "$ITERATIONS" --connections "$CONNECTIONS" "${filled[@]}"
  filled=(--filled)
done
echo
echo "Database: $(du -sh "$VIGIL_DATA" | cut -f1)"
