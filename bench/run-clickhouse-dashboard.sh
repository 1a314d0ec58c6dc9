#!/usr/bin/env bash
# Dashboard query latency with PostgreSQL + ClickHouse, on a fresh ClickHouse server and PostgreSQL started here.
# Usage: bench/run-clickhouse-dashboard.sh [events=100000000] [iterations=200] [fill=generate|api]
#   fill=api       loads EVENTS events and EVENTS/10 requests through Vigil's ingestion API (as run-dashboard.sh does
#                  for SQLite), so both engines hold the same kind of data;
#   fill=generate  has ClickHouse generate them itself (INSERT … SELECT FROM numbers(), through the same tables and
#                  materialized views), because 100 M events through the API would take most of an hour here.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

EVENTS="${1:-100000000}"
ITERATIONS="${2:-200}"
FILL="${3:-generate}"

build_release
start_scaled_out_server

echo
started=$(date +%s)
if [[ "$FILL" == "api" ]]; then
  bench fill --url "$VIGIL_URL" --key "$VIGIL_INGEST_KEY" --pid "$VIGIL_PID" --events "$EVENTS" --requests "$((EVENTS / 10))"
  wait_for_spool
else
  # The same mix as the load generator: event names by weight, 100,000 users, plans and paths as properties,
  # times spread evenly over the last 29 days; local hours and days in Asia/Seoul (+09:00, whole hours).
  span=$((29 * 86400))
  chunk=10000000
  for ((offset = 0; offset < EVENTS; offset += chunk)); do
    rows=$((EVENTS - offset < chunk ? EVENTS - offset : chunk))
    clickhouse_query "
      INSERT INTO events
      SELECT 1 AS project_id,
        multiIf(r < 84, '\$pageview', r < 89, 'signup', r < 92, 'app_created', r < 94, 'order', r < 98, 'search', 'share') AS name,
        concat('u_', toString(cityHash64(n, 2) % 100000)) AS distinct_id,
        toDateTime(toUInt32(now()) - $span + intDiv(n * $span, $EVENTS)) AS time,
        toUInt16(n % 1000) AS millis,
        multiIf(name = 'signup', concat('{\"plan\":\"', plan, '\"}'), concat('{\"path\":\"', path, '\"}')) AS properties,
        toStartOfHour(time) AS local_hour,
        toDate(time, 'Asia/Seoul') AS local_day,
        [if(name = 'signup', 'plan', 'path')] AS breakdown_keys,
        [if(name = 'signup', plan, path)] AS breakdown_values,
        intDiv(n, 1000) AS batch_id,
        toUInt32(n % 1000) AS seq
      FROM (SELECT number + $offset AS n, cityHash64(n, 1) % 100 AS r,
              multiIf(cityHash64(n, 3) % 100 < 78, 'Basic', cityHash64(n, 3) % 100 < 98, 'Pro', 'Enterprise') AS plan,
              ['/', '/pricing', '/docs', '/signup', '/dashboard', '/apps/new', '/orders', '/checkout'][cityHash64(n, 4) % 8 + 1] AS path
            FROM system.numbers LIMIT $rows)"
    echo "  events: $((offset + rows)) of $EVENTS ($(($(date +%s) - started)) s)"
  done
  requests=$((EVENTS / 10))
  clickhouse_query "
    INSERT INTO requests
    SELECT 1, toDateTime(toUInt32(now()) - $span + intDiv(number * $span, $requests)) AS time, toUInt16(number % 1000),
      'GET', '/api/orders', if(cityHash64(number, 5) % 1000 < 3, 500, 200) AS status,
      round(120 * exp(0.55 * (cityHash64(number, 6) % 10000 / 10000.0 * 4 - 2)), 1) AS duration_ms,
      toStartOfHour(time), toInt32(ceil(log(duration_ms) / log(1.01 / 0.99))), intDiv(number, 1000), toUInt32(number % 1000)
    FROM system.numbers LIMIT $requests"
fi
echo "Fill ($FILL): $(clickhouse_query "SELECT count() FROM events") events, $(clickhouse_query "SELECT count() FROM requests") requests in $(($(date +%s) - started)) s;" \
  "ClickHouse data $(du -sh "$test_servers_root/clickhouse/data" | cut -f1)"
echo
bench dashboard --url "$VIGIL_URL" --admin "$VIGIL_ADMIN_TOKEN" --project "$VIGIL_PROJECT" --pid "$VIGIL_PID" --iterations "$ITERATIONS"
