#!/usr/bin/env bash
# Event store benchmark: ensures PostgreSQL like ./ktp does (embedded cluster in .data/pg unless
# ConnectionStrings__Ktp is set), builds the benchmark in Release and runs it.
#   bench/run.sh            full run (10 s per phase, 1,000,000 preloaded events)
#   bench/run.sh --quick    smoke run
# Other arguments go to the benchmark (--duration, --events, --writers, --database, --connection).
# Results: bench/results/latest.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# './ktp db' starts (or reuses) the cluster and prints the owner connection string.
ConnectionStrings__Ktp="$("$ROOT/ktp" db)"
export ConnectionStrings__Ktp

dotnet build "$ROOT/bench/Ktp.Benchmarks/Ktp.Benchmarks.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec "$ROOT/bench/Ktp.Benchmarks/bin/Release/net9.0/linux-x64/Ktp.Benchmarks" "$@"
