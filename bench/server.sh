# Sourced by the run-*.sh scripts: builds Release and runs one Vigil server on a temporary data directory.
# After start_server: VIGIL_URL, VIGIL_PID, VIGIL_PROJECT, VIGIL_INGEST_KEY, VIGIL_ADMIN_TOKEN, VIGIL_DATA.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VIGIL_DLL="$REPO_ROOT/src/Vigil/bin/Release/net10.0/vigil.dll"
BENCH_DLL="$REPO_ROOT/bench/Vigil.Bench/bin/Release/net10.0/vigil-bench.dll"

build_release() {
  echo "Building Release…" >&2
  dotnet build "$REPO_ROOT/src/Vigil" -c Release -nologo -v quiet -clp:NoSummary >&2
  dotnet build "$REPO_ROOT/bench/Vigil.Bench" -c Release -nologo -v quiet -clp:NoSummary >&2
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    # Nothing answers on a free port, so the connection attempt fails.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

printed_value() {
  sed -n "s/^$1: //p" "$VIGIL_DATA/server.log" | head -n 1
}

# start_server [further serve flags, e.g. --postgres … --clickhouse …]
start_server() {
  VIGIL_DATA="$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench.XXXXXX")"
  local port
  port="$(free_port)"
  VIGIL_URL="http://127.0.0.1:$port"
  dotnet "$VIGIL_DLL" serve --urls "$VIGIL_URL" --data "$VIGIL_DATA" "$@" >"$VIGIL_DATA/server.log" 2>&1 &
  VIGIL_PID=$!
  trap stop_server EXIT
  for _ in $(seq 1 600); do
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
  echo "vigil did not serve within 60 s" >&2
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
  if [[ -n "${VIGIL_DATA:-}" && -d "$VIGIL_DATA" && -z "${KEEP_DATA:-}" ]]; then
    rm -rf "$VIGIL_DATA"
  fi
}

bench() {
  dotnet "$BENCH_DLL" "$@"
}
