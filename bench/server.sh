# Sourced by the run-*.sh scripts: builds Release and runs one Vigil server on a temporary data directory.
# After start_server: VIGIL_URL, VIGIL_PID, VIGIL_PROJECT, VIGIL_INGEST_KEY, VIGIL_ADMIN_TOKEN, VIGIL_DATA.
# KEEP_DATA=1 keeps the data directory; BENCH_DATA=<a kept directory> serves it again (its server.log holds the keys).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO_ROOT/tests/servers.sh"
VIGIL_DLL="$REPO_ROOT/src/Vigil/bin/Release/net10.0/vigil.dll"
BENCH_DLL="$REPO_ROOT/bench/Vigil.Bench/bin/Release/net10.0/vigil-bench.dll"

build_release() {
  echo "Building Release…" >&2
  dotnet build "$REPO_ROOT/src/Vigil" -c Release -nologo -v quiet -clp:NoSummary >&2
  dotnet build "$REPO_ROOT/bench/Vigil.Bench" -c Release -nologo -v quiet -clp:NoSummary >&2
}

printed_value() {
  sed -n "s/^$1: //p" "$VIGIL_DATA/server.log" | head -n 1
}

# start_server [further serve flags, e.g. --postgres … --clickhouse …]
start_server() {
  VIGIL_DATA="${BENCH_DATA:-$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench.XXXXXX")}"
  local port
  port="$(free_test_port)"
  VIGIL_URL="http://127.0.0.1:$port"
  dotnet "$VIGIL_DLL" serve --urls "$VIGIL_URL" --data "$VIGIL_DATA" "$@" >>"$VIGIL_DATA/server.log" 2>&1 &
  VIGIL_PID=$!
  trap stop_server EXIT
  local tries=600
  # A kept directory's first start under a newer version migrates it first: minutes at 10 M log lines.
  [[ -n "${BENCH_DATA:-}" ]] && tries=6000
  for _ in $(seq 1 "$tries"); do
    if ! kill -0 "$VIGIL_PID" 2>/dev/null; then
      echo "vigil exited:" >&2
      cat "$VIGIL_DATA/server.log" >&2
      return 1
    fi
    # The "Dashboard:" line comes after the first-start keys, once the server listens.
    if grep -q '^Dashboard: ' "$VIGIL_DATA/server.log" && curl -fsS "$VIGIL_URL/healthz" >/dev/null 2>&1; then
      VIGIL_PROJECT="$(printed_value 'Project id')"
      VIGIL_INGEST_KEY="$(printed_value 'Ingest key')"
      VIGIL_ADMIN_TOKEN="$(printed_value 'Admin token')"
      if [[ -z "$VIGIL_PROJECT" || -z "$VIGIL_INGEST_KEY" || -z "$VIGIL_ADMIN_TOKEN" ]]; then
        echo "vigil did not print the first-start keys:" >&2
        cat "$VIGIL_DATA/server.log" >&2
        return 1
      fi
      echo "vigil pid $VIGIL_PID serving at $VIGIL_URL, data in $VIGIL_DATA" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "vigil did not serve within $((tries / 10)) s" >&2
  cat "$VIGIL_DATA/server.log" >&2
  return 1
}

rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

stop_server() {
  if [[ -n "${VIGIL_PID:-}" ]] && kill -0 "$VIGIL_PID" 2>/dev/null; then
    kill -TERM "$VIGIL_PID"
    for _ in $(seq 1 100); do
      kill -0 "$VIGIL_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$VIGIL_PID" 2>/dev/null && kill -KILL "$VIGIL_PID"
  fi
  VIGIL_PID=""
  if [[ -n "${VIGIL_DATA:-}" && -d "$VIGIL_DATA" && -z "${KEEP_DATA:-}" && -z "${BENCH_DATA:-}" ]]; then
    rm -rf "$VIGIL_DATA"
  fi
}

bench() {
  dotnet "$BENCH_DLL" "$@"
}

# start_scaled_out_server: PostgreSQL and one ClickHouse server on loopback in a temporary directory, then Vigil on
# them. Sets CLICKHOUSE_URL; everything stops on exit.
start_scaled_out_server() {
  test_servers_root="$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-servers.XXXXXX")"
  chmod 755 "$test_servers_root"
  trap stop_test_servers EXIT
  start_postgres
  local http_port tcp_port
  http_port="$(free_test_port)"
  tcp_port="$(free_test_port)"
  write_clickhouse_config "$test_servers_root/clickhouse" "$http_port" "$tcp_port" "$tcp_port" "$tcp_port"
  start_clickhouse_dir "$test_servers_root/clickhouse"
  CLICKHOUSE_URL="http://127.0.0.1:$http_port"
  echo "ClickHouse $(curl -fsS "$CLICKHOUSE_URL/?query=SELECT%20version()") at $CLICKHOUSE_URL" >&2
  start_server --postgres "$VIGIL_TEST_POSTGRES" --clickhouse "Url=$CLICKHOUSE_URL;Database=vigil"
  # start_server's trap stops only Vigil; the databases go too.
  trap 'stop_server; stop_test_servers' EXIT
}

clickhouse_query() {
  curl -fsS "$CLICKHOUSE_URL/?database=vigil" --data-binary "$1"
}

# Waits until the node's spool has shipped everything to ClickHouse.
wait_for_spool() {
  local pending
  for _ in $(seq 1 2400); do
    pending=$(curl -fsS -H "Authorization: Bearer $VIGIL_ADMIN_TOKEN" "$VIGIL_URL/api/status" | sed -n 's/.*"pendingBytes":\([0-9]*\).*/\1/p')
    [[ "$pending" == "0" ]] && return 0
    sleep 0.5
  done
  echo "the spool did not drain" >&2
  return 1
}
