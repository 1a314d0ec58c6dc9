#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds, and runs every test suite.
# Exits non-zero on any failure. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
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

results=$(mktemp -d)
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$results/$name.trx" \
    --results-directory "$results" 2>&1 | tee "$results/$name.log" | grep -E "^\s+(Passed|Failed|Skipped) |Error Message|Total tests|Passed!|Failed!" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

passed=0; failed=0; skipped=0
for log in "$results"/*.log; do
  line=$(grep -E "(Passed|Failed)!" "$log" | tail -n 1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  [ -n "$line" ] || { echo "no test summary in $log" >&2; status=1; }
done
echo "Test artifacts (screenshots, trx): $results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
