#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds, and runs every test suite.
# Exits non-zero on any failure. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# The scaled-out backend is tested against real servers: PostgreSQL 15 and ClickHouse (Debian's 18.16).
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
command -v clickhouse-server >/dev/null 2>&1 || need_apt+=(clickhouse-server)
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
# The mail tests deliver to a real SMTP server on loopback: Debian's aiosmtpd (run with /usr/bin/python3).
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
# Fonts only make the screenshots readable (✅/⚠️ and Korean); the tests pass without them.
for font in fonts-noto-color-emoji fonts-noto-cjk; do
  dpkg -s "$font" >/dev/null 2>&1 || need_apt+=("$font")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || {
    echo "could not install ${need_apt[*]}" >&2; exit 1; }
fi

# web/node_modules (ECharts, web-vitals) is installed by the build when missing.
dotnet build Vigil.slnx -c Release -nologo -v quiet || { echo "build failed" >&2; exit 1; }

# tests/node holds the third-party SDKs the tests send through (posthog-node, @sentry/node, OpenTelemetry JS), pinned by
# its lock file; installed again when the lock file changed since the last install.
if [ ! -f tests/node/node_modules/.package-lock.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  (cd tests/node && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci in tests/node failed" >&2; exit 1; }
fi

# PostgreSQL and two ClickHouse shards on 127.0.0.1 in temporary directories, stopped and removed on exit.
source tests/servers.sh
trap stop_test_servers EXIT
start_test_servers || { echo "could not start the test servers" >&2; exit 1; }

results=$(mktemp -d)
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$results/$name.trx" \
    --results-directory "$results" 2>&1 | tee "$results/$name.log" | grep -E "^\s+(Passed|Failed|Skipped) |Error Message|Total tests|Passed!|Failed!" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

passed=0; failed=0; skipped=0
for project in tests/*.Tests/*.csproj; do
  trx="$results/$(basename "$project" .csproj).trx"
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null)
  if [ -z "$counters" ]; then echo "no test results for $project" >&2; status=1; continue; fi
  total=$(sed -nE 's/.* total="([0-9]+)".*/\1/p' <<<"$counters")
  p=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
  f=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - p - f))
done
# The console interleaves parallel tests, so a failure's message is printed again here, whole, from the trx files.
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  python3 - "$results"/*.trx <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        print(f"\n--- FAILED {result.get('testName')} ({result.get('duration')})")
        for tag in ("Message", "StackTrace", "StdOut"):
            node = result.find(f".//t:Output/t:ErrorInfo/t:{tag}", ns) if tag != "StdOut" else result.find(".//t:Output/t:StdOut", ns)
            if node is not None and node.text:
                lines = node.text.strip().splitlines()
                print(f"{tag}:\n" + "\n".join(lines[:60]))
PY
fi
echo "Test artifacts (screenshots, trx): $results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
