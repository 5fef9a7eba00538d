using System.Text.RegularExpressions;

namespace Ktp.Benchmarks;

/// <summary>Argument rules both benchmark modes share: connection, a droppable database name, positive numbers, the results file.</summary>
public static partial class BenchArgs
{
    public static string Connection(Dictionary<string, string> values)
    {
        var connection = values.GetValueOrDefault("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Ktp");
        return string.IsNullOrWhiteSpace(connection)
            ? throw new UsageException("No connection string: pass --connection or set ConnectionStrings__Ktp (bench/run.sh does).")
            : connection;
    }

    /// <summary>The benchmark drops and recreates this database, so only plain names containing "bench" are accepted.</summary>
    public static string Database(Dictionary<string, string> values, string fallback)
    {
        var database = values.GetValueOrDefault("--database") ?? fallback;
        return DatabaseName().IsMatch(database) && database.Contains("bench", StringComparison.Ordinal)
            ? database
            : throw new UsageException($"--database '{database}': the benchmark drops and recreates it, so it must be a plain name containing \"bench\".");
    }

    public static long Positive(Dictionary<string, string> values, string name, long fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return long.TryParse(text.Replace("_", ""), out var value) && value > 0 ? value : throw new UsageException($"{name} must be a positive whole number.");
    }

    /// <summary>bench/results/{fileName} beside the repository's Ktp.sln (found from the binary's folder, then the current one).</summary>
    public static string ResultsPath(string fileName)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Ktp.sln"))) return Path.Combine(dir.FullName, "bench", "results", fileName);
        }
        return Path.GetFullPath(fileName);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
