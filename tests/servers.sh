# Sourced by test.sh (and usable by hand: `source tests/servers.sh && start_test_servers`).
# Starts, on 127.0.0.1 in temporary directories, the servers the scaled-out backend is tested against:
# one PostgreSQL and two ClickHouse servers that form the two-shard cluster `vigil_test`.
# Exports VIGIL_TEST_POSTGRES, VIGIL_TEST_CLICKHOUSE, VIGIL_TEST_CLICKHOUSE_SHARD2, VIGIL_TEST_CLICKHOUSE_CLUSTER
# and, for tests that stop and restart a server, VIGIL_TEST_CLICKHOUSE_CONFIG (the first shard's config file).

test_servers_root=""

free_test_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# PostgreSQL refuses to run as root, so under root it runs as the `postgres` account the package creates.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bin dir port
  bin="$(postgres_bin)"
  dir="$test_servers_root/postgres"
  port="$(free_test_port)" || return 1
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U vigil --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; return 1; }
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start >/dev/null || {
    cat "$dir/server.log" >&2; return 1; }
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U vigil vigil || return 1
  export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=vigil;Database=vigil"
  export VIGIL_TEST_POSTGRES_BIN="$bin"
}

write_clickhouse_config() {
  local dir="$1" http_port="$2" tcp_port="$3" shard1_tcp="$4" shard2_tcp="$5"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  cat >"$dir/users.xml" <<EOF
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
  cat >"$dir/config.xml" <<EOF
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><size>10M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <remote_servers>
    <vigil_test>
      <shard><replica><host>127.0.0.1</host><port>$shard1_tcp</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$shard2_tcp</port></replica></shard>
    </vigil_test>
  </remote_servers>
</yandex>
EOF
}

# Starts (or restarts) the ClickHouse server of one directory and waits until it answers over HTTP.
start_clickhouse_dir() {
  local dir="$1" http_port
  http_port="$(sed -n 's:.*<http_port>\([0-9]*\)</http_port>.*:\1:p' "$dir/config.xml")"
  clickhouse-server --config-file="$dir/config.xml" >>"$dir/log/stdout.log" 2>&1 &
  echo $! >"$dir/server.pid"
  # Stopped with kill -9 on purpose; the shell need not report it.
  disown
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$http_port/ping" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "ClickHouse in $dir did not start:" >&2
  tail -n 30 "$dir/log/error.log" "$dir/log/stdout.log" >&2
  return 1
}

start_clickhouse_pair() {
  local http1 tcp1 http2 tcp2
  http1="$(free_test_port)" && tcp1="$(free_test_port)" && http2="$(free_test_port)" && tcp2="$(free_test_port)" || return 1
  write_clickhouse_config "$test_servers_root/clickhouse1" "$http1" "$tcp1" "$tcp1" "$tcp2"
  write_clickhouse_config "$test_servers_root/clickhouse2" "$http2" "$tcp2" "$tcp1" "$tcp2"
  start_clickhouse_dir "$test_servers_root/clickhouse1" || return 1
  start_clickhouse_dir "$test_servers_root/clickhouse2" || return 1
  export VIGIL_TEST_CLICKHOUSE="http://127.0.0.1:$http1"
  export VIGIL_TEST_CLICKHOUSE_SHARD2="http://127.0.0.1:$http2"
  export VIGIL_TEST_CLICKHOUSE_CLUSTER="vigil_test"
  export VIGIL_TEST_CLICKHOUSE_DIR="$test_servers_root/clickhouse1"
}

stop_test_servers() {
  [ -n "$test_servers_root" ] || return 0
  local bin
  bin="$(postgres_bin)"
  if [ -d "$test_servers_root/postgres/data" ]; then
    as_postgres "$bin/pg_ctl" -D "$test_servers_root/postgres/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  for dir in "$test_servers_root"/clickhouse*; do
    [ -f "$dir/server.pid" ] && kill -9 "$(cat "$dir/server.pid")" 2>/dev/null || true
  done
  rm -rf "$test_servers_root"
  test_servers_root=""
}

start_test_servers() {
  test_servers_root="$(mktemp -d "${TMPDIR:-/tmp}/vigil-test-servers.XXXXXX")"
  chmod 755 "$test_servers_root"
  start_postgres && start_clickhouse_pair
}
