#!/usr/bin/env bash
# Orders benchmark: the BPMN engine alone (5-step process), the same with the store (orders through the app's handlers),
# and the "my tasks" and dispatcher queries with 100,000 running instances. See bench/README.md.
#   bench/orders.sh           engine 5 s, store 20 s with 4 workers, 100,000 running instances, 300 calls per query
#   bench/orders.sh --quick   smoke run (2 s, 5 s, 10,000 instances, 100 calls)
# Other arguments go to the benchmark (Ktp.Benchmarks orders --help). Results: bench/results/orders-latest.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
EXE="$ROOT/bench/Ktp.Benchmarks/bin/Release/net10.0/Ktp.Benchmarks"
DB="${KTP_ORDERS_DB:-ktp_bench_orders}"  # another database lets two runs share the cluster

log() { printf '\033[1;34m[orders]\033[0m %s\n' "$*" >&2; }

# './ktp db' starts (or reuses) the cluster and prints the owner connection string; the run gets a fresh database.
owner="$("$ROOT/ktp" db)"
psql_uri="$(sed -E 's/.*Host=([^;]+);Port=([^;]+);Username=([^;]+).*/postgresql:\/\/\3@\1:\2/' <<< "$owner")"
psql -X -q "$psql_uri/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ConnectionStrings__Ktp="$(sed -E "s/Database=[^;]+/Database=$DB/" <<< "$owner")"
export ConnectionStrings__Ktp

log "building"
dotnet build "$ROOT/bench/Ktp.Benchmarks/Ktp.Benchmarks.csproj" -c Release -nologo -v q -clp:ErrorsOnly
cd "$ROOT"
status=0
"$EXE" orders "$@" || status=$?
psql -X -q "$psql_uri/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
exit $status
