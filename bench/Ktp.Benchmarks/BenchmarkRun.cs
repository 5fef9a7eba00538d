using System.Diagnostics;
using Ktp.Infrastructure.Events;
using Spectre.Console;

namespace Ktp.Benchmarks;

/// <summary>The phases in order: appends on a small store, bulk preload, projection catch-up, append latency on the big store.</summary>
public sealed class BenchmarkRun(BenchOptions options)
{
    public const double SingleAppendTarget = 3_000;
    public const double BatchedEventsTarget = 20_000;
    public const double CatchUpTarget = 20_000;
    private const int BatchSize = 100;
    private const int SeedStreamsPerWriter = 200;

    private readonly List<PhaseReport> _phases = [];

    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();

        AnsiConsole.MarkupLine($"[grey]Recreating database[/] [bold]{options.Database}[/] [grey]and migrating…[/]");
        await using var database = await BenchDatabase.CreateFreshAsync(options.OwnerConnectionString, options.Database, ct);
        var settings = await database.ReadSettingsAsync(ct);
        var synchronousCommit = await database.ShowSynchronousCommitAsync(ct);
        PrintSettings(settings, synchronousCommit, options.Pgbench);
        if (!settings.DurableCommits)
            throw new InvalidOperationException(
                $"Commits are not durable here (synchronous_commit = {settings.SynchronousCommit}, fsync = {settings.Fsync}); the numbers would not mean anything.");

        var registry = BenchEvents.Registry();
        using var marten = BenchMarten.Create(database.Options, registry, new StreamCounterProjection());
        var store = new EventStore(marten, registry, []);
        var appends = new AppendWorkload(database.Db, store, database.Tenants);

        await AppendPhaseAsync(database, appends, "single-1", "Single-event appends, 1 writer", 1, 1, "appends/s", null, ct);
        await AppendPhaseAsync(database, appends, "single-n", $"Single-event appends, {options.Writers} writers", options.Writers, 1, "appends/s", SingleAppendTarget, ct);
        await AppendPhaseAsync(database, appends, "batch-100", $"{BatchSize}-event appends, {options.Writers} writers", options.Writers, BatchSize, "events/s", BatchedEventsTarget, ct);

        var preloadClock = Stopwatch.StartNew();
        await WithProgressAsync($"Preloading {options.PreloadEvents:N0} events", options.PreloadEvents, async task =>
        {
            await database.PreloadAsync(options.PreloadEvents, parallel: 2, n => task.Increment(n), ct);
            return 0;
        });
        var preload = new PreloadResult(options.PreloadEvents, preloadClock.Elapsed.TotalSeconds);
        AnsiConsole.MarkupLine($"  [grey]{preload.Events:N0} events in {preload.Seconds:N1} s (SQL as the owner, then ANALYZE and CHECKPOINT)[/]");

        var storeEvents = await database.CountEventsAsync(ct);
        var catchUp = await WithProgressAsync($"Projection catch-up over {storeEvents:N0} events", storeEvents, task =>
            new CatchUpBenchmark(database, marten).RunAsync((done, total) => { task.MaxValue = total; task.Value = done; }, ct));
        AnsiConsole.MarkupLine($"  [bold]{catchUp.EventsPerSecond:N0}[/] events/s, read model verified: {catchUp.Verified}, " +
            $"CPU/1k events {catchUp.Cpu.AppMs:N1} ms app + {catchUp.Cpu.DatabaseMs:N1} ms db");
        _phases.Add(new PhaseReport("catch-up", "Async projection catch-up from zero", 1, 0, storeEvents,
            0, catchUp.Events, catchUp.Seconds, null, catchUp.EventsPerSecond, null, null, catchUp.Cpu,
            catchUp.Verified ? 0 : 1, catchUp.Verified ? null : $"read model counts {catchUp.ReadModelEvents:N0} events, expected {catchUp.Events:N0}",
            "events/s", CatchUpTarget));

        await AppendPhaseAsync(database, appends, "latency-large-store", $"Single-event appends, {options.Writers} writers, large store",
            options.Writers, 1, "appends/s", null, ct);

        return new BenchReport(startedAt, DateTimeOffset.UtcNow,
            MachineInfo.Describe(loadAtStart),
            settings,
            new BenchParameters(options.Database, options.Duration.TotalSeconds, options.Warmup.TotalSeconds, options.PreloadEvents, options.Writers,
                BenchDatabase.TenantCount, AppendWorkload.NewStreamShare, options.Quick),
            options.Pgbench, preload, _phases, catchUp);
    }

    private async Task AppendPhaseAsync(BenchDatabase database, AppendWorkload workload, string key, string title,
        int writers, int eventsPerAppend, string metric, double? target, CancellationToken ct)
    {
        var storeEvents = await database.CountEventsAsync(ct);
        var seeds = await database.SampleStreamsAsync(writers * SeedStreamsPerWriter, ct);
        var total = (options.Warmup + options.Duration).TotalSeconds;
        var beside = eventsPerAppend == 1 ? options.PgbenchBeside : null;
        var pgbenchBefore = beside is null ? 0 : await PgbenchAsync(beside, writers, "before", ct);
        await using var owner = await database.OpenOwnerAsync(ct);
        var cpuBefore = await CpuSample.TakeAsync(owner);
        var result = await WithProgressAsync($"{title} ({options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s)", total, task =>
            workload.RunAsync(writers, eventsPerAppend, options.Warmup, options.Duration, seeds, s => task.Value = Math.Min(s, total), ct));
        var cpu = CpuUse.From(cpuBefore, await CpuSample.TakeAsync(owner), "append", result.AllAppends, result.WallSeconds);
        (double, double)? bracket = beside is null ? null : (pgbenchBefore, await PgbenchAsync(beside, writers, "after", ct));
        // One transaction per append in both: only single-event appends are set against pgbench's one-row INSERT.
        var pgbench = eventsPerAppend == 1 ? options.Pgbench.For(writers) : null;
        var report = PhaseReport.From(key, title, result, storeEvents, cpu, metric, target, pgbench, bracket);
        _phases.Add(report);
        AnsiConsole.MarkupLine(
            $"  [bold]{report.AppendsPerSecond:N0}[/] appends/s, [bold]{report.EventsPerSecond:N0}[/] events/s, " +
            $"p50 {result.Latency.P50Ms:N2} ms, p99 {result.Latency.P99Ms:N2} ms, " +
            $"CPU/append {cpu.AppMs:N2} ms app + {cpu.DatabaseMs:N2} ms db ({cpu.AppCores:N1} + {cpu.DatabaseCores:N1} cores busy)" +
            (report.PercentOfPgbench is { } pct ? $", [bold]{pct:N0} %[/] of pgbench ({report.PgbenchTps:N0} tps, {writers} client{(writers == 1 ? "" : "s")}" +
                (report.PgbenchBefore is { } before ? $": {before:N0} before, {report.PgbenchAfter:N0} after)" : ")") : "") +
            (result.Errors > 0 ? $", [red]{result.Errors} errors[/] (first: {Markup.Escape(result.FirstError ?? "")})" : ""));
    }

    private async Task<double> PgbenchAsync(PgbenchBeside pgbench, int clients, string when, CancellationToken ct) =>
        await WithProgressAsync($"pgbench one-row INSERT, {clients} client{(clients == 1 ? "" : "s")}, {when} ({options.Duration.TotalSeconds:0.#} s)",
            options.Duration.TotalSeconds, _ => pgbench.RunAsync(clients, options.Duration, ct));

    private static void PrintSettings(ServerSettings s, string synchronousCommit, PgbenchBaseline pgbench)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[grey]SHOW synchronous_commit[/]", $"[bold]{Markup.Escape(synchronousCommit)}[/]");
        grid.AddRow("[grey]fsync / wal_sync_method[/]", Markup.Escape($"{s.Fsync} / {s.WalSyncMethod}"));
        grid.AddRow("[grey]PostgreSQL[/]", Markup.Escape(s.Version));
        grid.AddRow("[grey]shared_buffers / max_connections[/]", Markup.Escape($"{s.SharedBuffers} / {s.MaxConnections}"));
        grid.AddRow("[grey]machine[/]", Markup.Escape($"{Environment.ProcessorCount} cores, {MachineInfo.CpuModel()}, load {MachineInfo.LoadAverage()}"));
        grid.AddRow("[grey]pgbench one-row INSERT[/]", pgbench.OneClientTps is null && pgbench.SixteenClientsTps is null
            ? "[grey]not measured (bench/run.sh passes --pgbench-1/--pgbench-16)[/]"
            : Markup.Escape($"1 client {pgbench.OneClientTps?.ToString("N0") ?? "—"} tps, 16 clients {pgbench.SixteenClientsTps?.ToString("N0") ?? "—"} tps"));
        AnsiConsole.Write(grid);
    }

    private static async Task<T> WithProgressAsync<T>(string description, double max, Func<ProgressTask, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(max, 1));
                result = await work(task);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }
}
