#!/usr/bin/env bash
# Benchmarks: ensures PostgreSQL like ./ktp does (embedded cluster in .data/pg unless
# ConnectionStrings__Ktp is set), builds the benchmark in Release and runs it.
#   bench/run.sh                      event store: full run (10 s per phase, 1,000,000 preloaded events)
#   bench/run.sh --quick              event store: smoke run
#   bench/run.sh inquiries            inquiries at volume: 1,000,000 inquiries over 1,000 tenants, then latencies
#   bench/run.sh inquiries --quick    inquiries: smoke run (20,000 inquiries, 20 tenants)
# Other arguments go to the benchmark (bench/README.md; --help lists them).
# Results: bench/results/latest.json, bench/results/inquiries-latest.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# './ktp db' starts (or reuses) the cluster and prints the owner connection string.
ConnectionStrings__Ktp="$("$ROOT/ktp" db)"
export ConnectionStrings__Ktp

dotnet build "$ROOT/bench/Ktp.Benchmarks/Ktp.Benchmarks.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec "$ROOT/bench/Ktp.Benchmarks/bin/Release/net9.0/linux-x64/Ktp.Benchmarks" "$@"
