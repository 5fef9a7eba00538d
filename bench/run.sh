#!/usr/bin/env bash
# Benchmarks: ensures PostgreSQL like ./ktp does (embedded cluster in .data/pg unless
# ConnectionStrings__Ktp is set), builds the benchmark in Release and runs it.
#   bench/run.sh                      event store: pgbench baseline (10 s per client count), then the full run, with
#                                     pgbench again right before and after each single-event phase
#                                     (10 s per phase, 1,000,000 preloaded events)
#   bench/run.sh --quick              event store: smoke run (pgbench 3 s per client count)
#   bench/run.sh inquiries            inquiries at volume: 1,000,000 inquiries over 1,000 tenants, then latencies
#   bench/run.sh inquiries --quick    inquiries: smoke run (20,000 inquiries, 20 tenants)
# Other arguments go to the benchmark (bench/README.md; --help lists them).
# Results: bench/results/latest.json, bench/results/inquiries-latest.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
EXE="$ROOT/bench/Ktp.Benchmarks/bin/Release/net10.0/Ktp.Benchmarks"
PGBENCH_DB=ktp_bench_pgbench

log() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }

# './ktp db' starts (or reuses) the cluster and prints the owner connection string.
ConnectionStrings__Ktp="$("$ROOT/ktp" db)"
export ConnectionStrings__Ktp

# libpq's settings (for psql and pgbench) from the Npgsql connection string.
export_libpq_settings() {
  local pairs pair key value
  IFS=';' read -ra pairs <<< "$ConnectionStrings__Ktp"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}"; key="${key// /}"; value="${pair#*=}"
    case "${key,,}" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
    esac
  done
}

pgbench_bin() {
  command -v pgbench 2>/dev/null && return 0
  ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1 | grep . && return 0
  return 1
}

# tps of a one-row INSERT per transaction (bench/pgbench-insert.sql) with $2 clients for $3 seconds.
pgbench_tps() {
  local output tps
  output="$("$1" -n -f "$ROOT/bench/pgbench-insert.sql" -c "$2" -j 2 -T "$3" "$PGBENCH_DB" 2>&1)" || { echo "$output" >&2; return 1; }
  tps="$(awk '/^tps = / { print $3; exit }' <<< "$output")"
  [ -n "$tps" ] || { echo "$output" >&2; return 1; }
  echo "$tps"
}

dotnet build "$ROOT/bench/Ktp.Benchmarks/Ktp.Benchmarks.csproj" -c Release -nologo -v q -clp:ErrorsOnly

if [ "${1:-}" = inquiries ]; then exec "$EXE" "$@"; fi

# The baseline: what this server commits durably for a trivial one-row transaction, measured just before the run.
seconds=10
for arg in "$@"; do [ "$arg" = --quick ] && seconds=3; done
baseline=()
if PGBENCH="$(pgbench_bin)"; then
  export_libpq_settings
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB"
  psql -X -q -d "$PGBENCH_DB" -f "$ROOT/bench/pgbench-setup.sql"
  log "pgbench one-row INSERT, 1 client, ${seconds} s"
  tps1="$(pgbench_tps "$PGBENCH" 1 "$seconds")"
  log "pgbench one-row INSERT, 16 clients, ${seconds} s"
  tps16="$(pgbench_tps "$PGBENCH" 16 "$seconds")"
  log "pgbench: ${tps1} tps with 1 client, ${tps16} tps with 16 clients"
  # The benchmark runs pgbench again right before and after each single-event phase, against the same table.
  trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)"' EXIT
  baseline=(--pgbench-1 "$tps1" --pgbench-16 "$tps16"
    --pgbench-bin "$PGBENCH" --pgbench-db "$PGBENCH_DB" --pgbench-script "$ROOT/bench/pgbench-insert.sql")
else
  log "pgbench not found: no baseline (Debian: it comes with the postgresql-NN server package)"
fi

"$EXE" "${baseline[@]}" "$@"
