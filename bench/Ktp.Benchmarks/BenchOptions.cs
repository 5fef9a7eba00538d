using System.Text.RegularExpressions;

namespace Ktp.Benchmarks;

/// <summary>Command line of the benchmark. Explicit values win over <c>--quick</c>'s small defaults.</summary>
public sealed partial record BenchOptions(
    string OwnerConnectionString,
    string Database,
    TimeSpan Duration,
    TimeSpan Warmup,
    long PreloadEvents,
    int Writers,
    bool Quick,
    string OutputPath)
{
    public const string Usage = """
        Event store throughput on this machine (app + PostgreSQL, durable commits).

          --connection <cs>   owner connection string (else env ConnectionStrings__Ktp)
          --database <name>   database to recreate for the run (default ktp_bench; the name must contain "bench")
          --duration <s>      seconds per throughput phase (default 10; --quick 2)
          --events <n>        events to preload for catch-up and latency (default 1000000; --quick 20000)
          --writers <n>       concurrent writers in the multi-writer phases (default 16)
          --output <path>     results JSON (default bench/results/latest.json in the repository)
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
                case "--connection" or "--database" or "--duration" or "--events" or "--writers" or "--output":
                    if (i + 1 >= args.Length) throw new UsageException($"{args[i]} needs a value.");
                    values[args[i]] = args[++i];
                    break;
                default: throw new UsageException($"Unknown argument '{args[i]}'.");
            }
        }

        var connection = values.GetValueOrDefault("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Ktp");
        if (string.IsNullOrWhiteSpace(connection))
            throw new UsageException("No connection string: pass --connection or set ConnectionStrings__Ktp (bench/run.sh does).");
        var database = values.GetValueOrDefault("--database") ?? "ktp_bench";
        if (!DatabaseName().IsMatch(database) || !database.Contains("bench", StringComparison.Ordinal))
            throw new UsageException($"--database '{database}': the benchmark drops and recreates it, so it must be a plain name containing \"bench\".");

        var duration = Positive(values, "--duration", quick ? 2 : 10);
        return new BenchOptions(
            connection, database,
            TimeSpan.FromSeconds(duration),
            TimeSpan.FromSeconds(quick ? 0.5 : 2),
            Positive(values, "--events", quick ? 20_000 : 1_000_000),
            (int)Positive(values, "--writers", 16),
            quick,
            values.GetValueOrDefault("--output") ?? DefaultOutputPath());
    }

    private static long Positive(Dictionary<string, string> values, string name, long fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return long.TryParse(text, out var value) && value > 0 ? value : throw new UsageException($"{name} must be a positive whole number.");
    }

    /// <summary>bench/results/latest.json beside the repository's Ktp.sln (found from the binary's folder, then the current one).</summary>
    private static string DefaultOutputPath()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Ktp.sln"))) return Path.Combine(dir.FullName, "bench", "results", "latest.json");
        }
        return Path.GetFullPath("latest.json");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}

public sealed class UsageException(string? message) : Exception(message ?? "");
