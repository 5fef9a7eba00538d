#!/usr/bin/env bash
# Load benchmark (bounded, loopback only): the app over real HTTP under 1,000 users. See bench/README.md.
#   bench/load.sh            ratio HTTP/in-process, open loop 1,000 users at 200 requests/s for 60 s, burst 20 s
#   bench/load.sh            ... then 100 operators' Blazor circuits in Chromium doing the workplace loop
#   bench/load.sh --quick    smoke run (200 users, 100 requests/s, 10 s; burst 5 s; 20 circuits)
#   bench/load.sh --only-circuits [--circuits 100]   the circuits phase alone (--circuits 0 skips it)
# Other arguments go to the benchmark (Ktp.Benchmarks load --help). Results: bench/results/load-latest.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
EXE="$ROOT/bench/Ktp.Benchmarks/bin/Release/net10.0/Ktp.Benchmarks"
DB="${KTP_LOAD_DB:-ktp_load}"  # another database lets two runs share the cluster

log() { printf '\033[1;34m[load]\033[0m %s\n' "$*" >&2; }

# './ktp db' starts (or reuses) the cluster and prints the owner connection string; the run gets a fresh database.
owner="$("$ROOT/ktp" db)"
psql_uri="$(sed -E 's/.*Host=([^;]+);Port=([^;]+);Username=([^;]+).*/postgresql:\/\/\3@\1:\2/' <<< "$owner")"
psql -X -q "$psql_uri/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ConnectionStrings__Ktp="$(sed -E "s/Database=[^;]+/Database=$DB/" <<< "$owner")"
export ConnectionStrings__Ktp

# More open files than the default 1,024: a thousand client connections plus the server's side of each.
ulimit -n 65536 2>/dev/null || log "could not raise the open-file limit: $(ulimit -n)"

log "building"
dotnet build "$ROOT/bench/Ktp.Benchmarks/Ktp.Benchmarks.csproj" -c Release -nologo -v q -clp:ErrorsOnly
cd "$ROOT"
status=0
"$EXE" load "$@" || status=$?
psql -X -q "$psql_uri/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
exit $status
