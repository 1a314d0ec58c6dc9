# Sourced by run-logs.sh and run-clickhouse-logs.sh: generates log lines of the shape `vigil-bench logs` sends, inside
# the database, where the ingestion API loads a few thousand lines a second on a busy 2-core machine. Line i of TOTAL
# is at FROM_MS + i * SPAN / TOTAL (13 days less a minute); 3% error, 7% warn, 10% debug; "completed" in every
# body, "zebracorn" in one line in 100,000; 50 routes, 10,000 users, 5 regions, 5 lines a trace. The pseudo-random
# parts are hashes of i, so two runs hold the same lines.

LOG_SPAN_MS=$((13 * 86400000 - 60000))

# generate_sqlite_logs DB FIRST TOTAL FROM_MS: lines FIRST … TOTAL-1 into a Vigil SQLite file whose server is stopped.
generate_sqlite_logs() {
  local db="$1" first="$2" total="$3" from_ms="$4"
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 30000;
PRAGMA journal_mode = WAL;
INSERT INTO logs (project_id, ts, observed_ts, severity_number, severity_text, level, body, service, trace_id, span_id, attributes)
WITH RECURSIVE line(i) AS (SELECT $first UNION ALL SELECT i + 1 FROM line WHERE i < $total - 1),
shaped AS (
  SELECT i, (i * 2654435761 >> 8) % 100 AS r,
    CASE WHEN i % 50 = 49 THEN '/api/checkout' ELSE '/api/items/' || (i % 50) END AS route,
    json_extract('["cache","queue","session","invoice","cart","token","profile","search","upload","report"]', '\$[' || ((i * 40503 >> 4) % 10) || ']') AS word
  FROM line)
SELECT 1, $from_ms + $LOG_SPAN_MS * i / $total, $from_ms + $LOG_SPAN_MS,
  CASE WHEN r < 3 THEN 17 WHEN r < 10 THEN 13 WHEN r < 20 THEN 5 ELSE 9 END,
  CASE WHEN r < 3 THEN 'error' WHEN r < 10 THEN 'warn' WHEN r < 20 THEN 'debug' ELSE 'info' END,
  CASE WHEN r < 3 THEN 5 WHEN r < 10 THEN 4 WHEN r < 20 THEN 2 ELSE 3 END,
  'GET ' || route || ' completed ' || word || ' step for user u-' || ((i * 7919) % 10000) || ' in ' || (1 + (i * 104729) % 899) || ' ms'
    || CASE WHEN i % 100000 = 50000 THEN ' zebracorn' ELSE '' END,
  CASE WHEN i % 3 = 0 THEN 'worker' ELSE 'shop-api' END,
  '4bf92f3577b34da6' || printf('%016x', i / 5 + 1), NULL,
  '{"route":"' || route || '","user.id":"u-' || ((i * 7919) % 10000) || '","region":"'
    || CASE i % 5 WHEN 0 THEN 'seoul' WHEN 1 THEN 'tokyo' WHEN 2 THEN 'virginia' WHEN 3 THEN 'frankfurt' ELSE 'sydney' END || '"}'
FROM shaped;
SQL
}

# generate_clickhouse_logs TOTAL FROM_MS: the same TOTAL lines into the ClickHouse of start_scaled_out_server.
generate_clickhouse_logs() {
  local total="$1" from_ms="$2" chunk=5000000 offset rows
  for ((offset = 0; offset < total; offset += chunk)); do
    rows=$((total - offset < chunk ? total - offset : chunk))
    clickhouse_query "
      INSERT INTO logs
      SELECT 1, toDateTime(intDiv(at, 1000)), toUInt16(at % 1000), toUInt64($from_ms + $LOG_SPAN_MS),
        multiIf(r < 3, 17, r < 10, 13, r < 20, 5, 9), multiIf(r < 3, 'error', r < 10, 'warn', r < 20, 'debug', 'info'),
        multiIf(r < 3, 5, r < 10, 4, r < 20, 2, 3),
        concat('GET ', route, ' completed ', word, ' step for user u-', toString(i * 7919 % 10000), ' in ', toString(1 + i * 104729 % 899), ' ms',
          if(i % 100000 = 50000, ' zebracorn', '')),
        if(i % 3 = 0, 'worker', 'shop-api'),
        concat('4bf92f3577b34da6', substring(concat('0000000000000000', trace_hex), length(trace_hex) + 1, 16)), '',
        concat('{\"route\":\"', route, '\",\"user.id\":\"u-', toString(i * 7919 % 10000), '\",\"region\":\"',
          ['seoul', 'tokyo', 'virginia', 'frankfurt', 'sydney'][i % 5 + 1], '\"}'),
        intDiv(i, 1000), toUInt32(i % 1000)
      FROM (SELECT number + $offset AS i, $from_ms + intDiv(i * $LOG_SPAN_MS, $total) AS at, intDiv(i * 2654435761, 256) % 100 AS r,
              if(i % 50 = 49, '/api/checkout', concat('/api/items/', toString(i % 50))) AS route,
              ['cache', 'queue', 'session', 'invoice', 'cart', 'token', 'profile', 'search', 'upload', 'report'][intDiv(i * 40503, 16) % 10 + 1] AS word,
              lower(hex(intDiv(i, 5) + 1)) AS trace_hex
            FROM system.numbers LIMIT $rows)"
    echo "  logs: $((offset + rows)) of $total" >&2
  done
}
