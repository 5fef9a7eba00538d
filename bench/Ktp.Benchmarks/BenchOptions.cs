namespace Ktp.Benchmarks;

/// <summary>Command line of the benchmark. Explicit values win over <c>--quick</c>'s small defaults.</summary>
public sealed record BenchOptions(
    string OwnerConnectionString,
    string Database,
    TimeSpan Duration,
    TimeSpan Warmup,
    long PreloadEvents,
    int Writers,
    bool Quick,
    string OutputPath,
    PgbenchBaseline Pgbench,
    PgbenchBeside? PgbenchBeside)
{
    public const string Usage = """
        Event store throughput on this machine (app + PostgreSQL, durable commits).

          --connection <cs>   owner connection string (else env ConnectionStrings__Ktp)
          --database <name>   database to recreate for the run (default ktp_bench; the name must contain "bench")
          --duration <s>      seconds per throughput phase (default 10; --quick 2)
          --events <n>        events to preload for catch-up and latency (default 1000000; --quick 20000)
          --writers <n>       concurrent writers in the multi-writer phases (default 16)
          --output <path>     results JSON (default bench/results/latest.json in the repository)
          --pgbench-1 <tps>   pgbench one-row INSERT rate with 1 client (bench/run.sh measures it)
          --pgbench-16 <tps>  the same with 16 clients; single-event phases are reported as % of these
          --pgbench-bin <path> --pgbench-db <name> --pgbench-script <file>
                              run pgbench right before and after each single-event phase (bench/run.sh passes them);
                              the phase is then reported as % of the mean of those two runs
          --quick             small numbers for a smoke run
        """;

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "-h" or "--help": throw new UsageException(null);
                case "--connection" or "--database" or "--duration" or "--events" or "--writers" or "--output" or "--pgbench-1" or "--pgbench-16"
                    or "--pgbench-bin" or "--pgbench-db" or "--pgbench-script":
                    if (i + 1 >= args.Length) throw new UsageException($"{args[i]} needs a value.");
                    values[args[i]] = args[++i];
                    break;
                default: throw new UsageException($"Unknown argument '{args[i]}'.");
            }
        }

        var connection = BenchArgs.Connection(values);
        var database = BenchArgs.Database(values, "ktp_bench");

        var duration = BenchArgs.Positive(values, "--duration", quick ? 2 : 10);
        return new BenchOptions(
            connection, database,
            TimeSpan.FromSeconds(duration),
            TimeSpan.FromSeconds(quick ? 0.5 : 2),
            BenchArgs.Positive(values, "--events", quick ? 20_000 : 1_000_000),
            (int)BenchArgs.Positive(values, "--writers", 16),
            quick,
            values.GetValueOrDefault("--output") ?? BenchArgs.ResultsPath("latest.json"),
            new PgbenchBaseline(Tps(values, "--pgbench-1"), Tps(values, "--pgbench-16")),
            Beside(values, connection));
    }

    private static PgbenchBeside? Beside(Dictionary<string, string> values, string connection)
    {
        var given = new[] { "--pgbench-bin", "--pgbench-db", "--pgbench-script" }.Count(values.ContainsKey);
        if (given == 0) return null;
        if (given < 3) throw new UsageException("--pgbench-bin, --pgbench-db and --pgbench-script go together.");
        return new PgbenchBeside(values["--pgbench-bin"], values["--pgbench-db"], values["--pgbench-script"], connection);
    }

    private static double? Tps(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text)) return null;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var tps) && tps > 0
            ? tps
            : throw new UsageException($"{name} must be a positive number (transactions per second).");
    }
}

/// <summary>
/// pgbench's rate for a one-row INSERT per transaction on the same server, just before the run: the ceiling of
/// durable single-row commits here, against which single-event appends are compared.
/// </summary>
public sealed record PgbenchBaseline(double? OneClientTps, double? SixteenClientsTps)
{
    /// <summary>The baseline for a phase with <paramref name="writers"/> writers, when pgbench ran with as many clients.</summary>
    public double? For(int writers) => writers switch { 1 => OneClientTps, 16 => SixteenClientsTps, _ => null };
}

public sealed class UsageException(string? message) : Exception(message ?? "");
