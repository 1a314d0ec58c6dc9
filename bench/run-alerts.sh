#!/usr/bin/env bash
# Alert evaluation at scale: starts a fresh server that evaluates every 5 s, creates PROJECTS projects with RULES rules
# each (and a little data in each), then reports the time per evaluation cycle over CYCLES cycles and the server's memory.
# Usage: bench/run-alerts.sh [projects=1000] [rules=10] [cycles=10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

PROJECTS="${1:-1000}"
RULES="${2:-10}"
CYCLES="${3:-10}"

build_release
export Vigil__AlertEvaluationInterval=00:00:05
start_server

echo
bench alerts --url "$VIGIL_URL" --admin "$VIGIL_ADMIN_TOKEN" --pid "$VIGIL_PID" \
  --projects "$PROJECTS" --rules "$RULES" --cycles "$CYCLES"
