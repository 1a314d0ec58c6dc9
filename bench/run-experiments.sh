#!/usr/bin/env bash
# Experiment results latency: starts a fresh server, loads EVENTS background events over the last 29 days (so the
# exposure and goal names share the index with others), then exposes USERS users to a two-variant experiment through
# /v1/events with ~10.5 % of them ordering afterwards, and times GET …/experiments/{key}/results ITERATIONS times.
# Usage: bench/run-experiments.sh [users=1000000] [events=1000000] [iterations=20]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

USERS="${1:-1000000}"
EVENTS="${2:-1000000}"
ITERATIONS="${3:-20}"

build_release
start_server

echo
bench fill --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" --events "$EVENTS" --requests 0
echo
bench experiments --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" \
  --users "$USERS" --iterations "$ITERATIONS"
echo
echo "Database: $(du -sh "$VIGIL_DATA" | cut -f1)"
