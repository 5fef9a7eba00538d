using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Ktp.Benchmarks;

/// <summary>
/// One measured phase. <see cref="Metric"/> names the number compared with <see cref="Target"/>; a single-event
/// phase also has pgbench's one-row INSERT rate with as many clients as it has writers (<see cref="PgbenchTps"/>).
/// </summary>
public sealed record PhaseReport(
    string Key, string Title, int Writers, int EventsPerAppend, long StoreEventsAtStart,
    long Appends, long Events, double Seconds, double? AppendsPerSecond, double EventsPerSecond,
    Percentiles? Latency, Breakdown? Breakdown, CpuUse? Cpu, long Errors, string? FirstError,
    string Metric, double? Target, double? PgbenchTps = null, double? PgbenchBefore = null, double? PgbenchAfter = null)
{
    public double MetricValue => Metric == "appends/s" ? AppendsPerSecond ?? 0 : EventsPerSecond;
    public bool? MetTarget => Target is { } t ? MetricValue >= t : null;
    public double? PercentOfPgbench => PgbenchTps is { } tps && AppendsPerSecond is { } a ? 100 * a / tps : null;

    public static PhaseReport From(string key, string title, AppendResult r, long storeEvents, CpuUse cpu, string metric, double? target,
        double? pgbenchTps, (double Before, double After)? beside = null) =>
        new(key, title, r.Writers, r.EventsPerAppend, storeEvents, r.Appends, r.Events, r.Seconds, r.AppendsPerSecond, r.EventsPerSecond,
            r.Latency, r.Breakdown, cpu, r.Errors, r.FirstError, metric, target,
            beside is { } b ? (b.Before + b.After) / 2 : pgbenchTps, beside?.Before, beside?.After);
}

/// <summary>
/// CPU milliseconds per unit of work (an append, or 1,000 events for catch-up) in this process and in the
/// database backends, and how many cores each kept busy on average: with both near the machine's cores,
/// throughput is CPU-bound rather than waiting on commits.
/// </summary>
public sealed record CpuUse(string Per, double AppMs, double DatabaseMs, double AppCores, double DatabaseCores)
{
    public static CpuUse From(CpuSample before, CpuSample after, string per, double units, double wallSeconds)
    {
        var (app, database) = after.Since(before);
        return new CpuUse(per, app * 1000 / Math.Max(units, 1), database * 1000 / Math.Max(units, 1), app / wallSeconds, database / wallSeconds);
    }
}

public sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string LoadAverageAtStart, string LoadAverageAtEnd)
{
    public static MachineInfo Describe(string loadAverageAtStart) => new(
        Environment.ProcessorCount, CpuModel(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
        loadAverageAtStart, LoadAverage());

    /// <summary>1, 5 and 15 minute load: the machine may be shared, so the report says how busy it was.</summary>
    public static string LoadAverage() => Read("/proc/loadavg") is { } text ? string.Join(' ', text.Split(' ').Take(3)) : "n/a";

    public static string CpuModel() =>
        Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}

public sealed record BenchParameters(string Database, double DurationSeconds, double WarmupSeconds, long PreloadEvents, int Writers,
    int Tenants, double NewStreamShare, bool Quick);

/// <summary>The bulk load before catch-up (not a measurement of the store: it bypasses it).</summary>
public sealed record PreloadResult(long Events, double Seconds);

public sealed record BenchReport(
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, MachineInfo Machine, ServerSettings Server,
    BenchParameters Parameters, PgbenchBaseline Pgbench, PreloadResult Preload, IReadOnlyList<PhaseReport> Phases, CatchUpResult? CatchUp)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]KTP event store[/]")
            .AddColumn("Phase")
            .AddColumn(new TableColumn("Writers").RightAligned())
            .AddColumn(new TableColumn("Ev/append").RightAligned())
            .AddColumn(new TableColumn("Store events").RightAligned())
            .AddColumn(new TableColumn("Appends/s").RightAligned())
            .AddColumn(new TableColumn("Events/s").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("Begin/Append/Commit ms").RightAligned())
            .AddColumn(new TableColumn("CPU ms app+db /append").RightAligned())
            .AddColumn(new TableColumn("% of pgbench").RightAligned())
            .AddColumn(new TableColumn("Target").RightAligned())
            .AddColumn("");
        foreach (var p in Phases)
        {
            table.AddRow(
                Markup.Escape(p.Title),
                p.Writers.ToString("N0"),
                p.EventsPerAppend == 0 ? "—" : p.EventsPerAppend.ToString("N0"),
                p.StoreEventsAtStart.ToString("N0"),
                p.AppendsPerSecond is { } a ? a.ToString("N0") : "—",
                p.EventsPerSecond.ToString("N0"),
                p.Latency is { } l ? l.P50Ms.ToString("N2") : "—",
                p.Latency is { } l2 ? l2.P99Ms.ToString("N2") : "—",
                p.Breakdown is { } b ? $"{b.BeginMs:N2} / {b.AppendMs:N2} / {b.CommitMs:N2}" : "—",
                p.Cpu is { } c ? c.Per == "append" ? $"{c.AppMs:N2} + {c.DatabaseMs:N2}" : $"{c.AppMs:N1} + {c.DatabaseMs:N1} /1k ev" : "—",
                p.PercentOfPgbench is { } pct ? $"{pct:N0} % of {p.PgbenchTps:N0}" : "—",
                p.Target is { } t ? $"≥ {t:N0} {p.Metric}" : "—",
                p.MetTarget switch { true => "[green]met[/]", false => "[red]below[/]", null => "" });
        }
        return table;
    }
}
