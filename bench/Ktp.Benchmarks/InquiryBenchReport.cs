using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Ktp.Benchmarks;

public sealed record InquiryBenchParameters(string Database, int Tenants, int Inquiries, int Writers, int Registrations, int Queries, int Readers,
    int Seed, bool Reuse, bool Quick, double ZipfExponent, int SeedDays);

/// <summary>What the seeding wrote and how long it took (SQL/COPY as the owner: a load, not a measurement of the app).</summary>
/// <param name="PendingTimers">SLA timers seeded as still pending (each must be one of the <paramref name="ScheduledMessages"/>).</param>
/// <param name="ScheduledMessages">Wolverine's scheduled envelopes.</param>
/// <param name="MessageKeys">Rows of <c>scheduled_message_keys</c> (every SLA timer ever set).</param>
/// <param name="ScheduleSeconds">Writing the scheduled envelopes through the outbox (part of the inquiries' load, not of COPY).</param>
public sealed record SeedSummary(
    int Tenants, long Inquiries, long Contacts, long Customers, long Events, long Streams, long PendingTimers, long ScheduledMessages, long MessageKeys,
    double TenantsSeconds, double InquiriesSeconds, double GenerateSeconds, double CopySeconds, double ScheduleSeconds, double VacuumSeconds, double TotalSeconds,
    IReadOnlyDictionary<string, long> Statuses, IReadOnlyDictionary<string, long> WaitingByQueue,
    long BiggestTenant, long SmallestTenant, double TopTenShare, IReadOnlyDictionary<string, string> TableSizes,
    int VerifiedSample, int VerifyMismatches, long VersionMismatches, string? FirstMismatch,
    int MessagesRead, int MessageMismatches, string? FirstMessageMismatch);

/// <summary>Scheduled messages before and after the registration phases: each registration schedules its SLA timer.</summary>
public sealed record RegistrationMessages(int Registrations, long ScheduledBefore, long ScheduledAfter)
{
    public bool EachScheduled => ScheduledAfter - ScheduledBefore == Registrations;
}

public sealed record LatencyPhase(
    string Key, string Title, string Pass, int Runs, int Concurrency, double WallSeconds, double PerSecond, Percentiles Latency, double MeanRows,
    long Errors, string? FirstError, double? TargetP99Ms, CpuUse? Cpu, string? Slowest, string LoadAverage)
{
    public bool? MetTarget => TargetP99Ms is { } t ? Latency.P99Ms <= t && Errors == 0 : null;
}

public sealed record QueryPlan(string Pass, string Title, string Parameters, string Plan);

public sealed record MigrationStep(IReadOnlyList<string> Applied, double Seconds, IReadOnlyList<string> IndexesBefore, IReadOnlyList<string> IndexesAfter);

public sealed record InquiryBenchReport(
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, MachineInfo Machine, ServerSettings Server, InquiryBenchParameters Parameters,
    SeedSummary Seed, IReadOnlyList<LatencyPhase> Phases, RegistrationMessages? Messages, IReadOnlyList<QueryPlan> Plans, MigrationStep? Migration)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]KTP inquiries: {Seed.Inquiries:N0} inquiries, {Seed.Tenants:N0} tenants (biggest {Seed.BiggestTenant:N0})[/]")
            .AddColumn("Phase")
            .AddColumn("Schema")
            .AddColumn(new TableColumn("Runs").RightAligned())
            .AddColumn(new TableColumn("Conc.").RightAligned())
            .AddColumn(new TableColumn("Runs/s").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("max ms").RightAligned())
            .AddColumn(new TableColumn("Rows").RightAligned())
            .AddColumn(new TableColumn("Load").RightAligned())
            .AddColumn(new TableColumn("Target p99").RightAligned())
            .AddColumn("");
        foreach (var p in Phases)
        {
            table.AddRow(
                Markup.Escape(p.Title), Markup.Escape(p.Pass), p.Runs.ToString("N0"), p.Concurrency.ToString("N0"), p.PerSecond.ToString("N0"),
                p.Latency.P50Ms.ToString("N2"), p.Latency.P95Ms.ToString("N2"), p.Latency.P99Ms.ToString("N2"), p.Latency.MaxMs.ToString("N1"),
                p.MeanRows.ToString("N1"), Markup.Escape(p.LoadAverage.Split(' ')[0]),
                p.TargetP99Ms is { } t ? $"≤ {t:N0} ms" : "—",
                p.MetTarget switch { true => "[green]met[/]", false => "[red]missed[/]", null => "" } + (p.Errors > 0 ? $" [red]{p.Errors} errors[/]" : ""));
        }
        return table;
    }
}
