#!/usr/bin/env bash
# Builds and starts Vigil on the embedded SQLite default. Arguments go to `vigil serve`, e.g. ./run.sh --demo
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Vigil -c Release -nologo -v quiet
exec dotnet src/Vigil/bin/Release/net10.0/vigil.dll serve "$@"
