using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Migrations;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Spectre.Console;

namespace Ktp.Benchmarks;

/// <summary>
/// <c>Ktp.Benchmarks inquiries</c>: seed at the current schema (or reuse a seeded database, applying the migrations it
/// lacks first, as the app's code needs them), then one measurement pass.
/// </summary>
public sealed class InquiryBenchRun(InquiryBenchOptions options)
{
    public const double RegisterTargetP99Ms = 50;
    public const double QueryTargetP99Ms = 40;

    private readonly List<LatencyPhase> _phases = [];
    private readonly List<QueryPlan> _plans = [];
    private RegistrationMessages? _messages;

    public static Task<int> MainAsync(string[] args) =>
        BenchConsole.RunAsync(() => InquiryBenchOptions.Parse(args), InquiryBenchOptions.Usage, async (options, ct) =>
        {
            var report = await new InquiryBenchRun(options).RunAsync(ct);
            AnsiConsole.Write(report.ToTable());
            await report.WriteJsonAsync(options.OutputPath);
            BenchConsole.Written(options.OutputPath);
            return report.Phases.Any(p => p.Errors > 0) || report.Seed.VerifyMismatches > 0 || report.Seed.VersionMismatches > 0
                || report.Seed.MessageMismatches > 0 || report.Messages is { EachScheduled: false } ? 1 : 0;
        });

    public async Task<InquiryBenchReport> RunAsync(CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();

        SeedSummary seed;
        DatabaseOptions dbOptions;
        MigrationStep? migration = null;
        if (options.Reuse)
        {
            dbOptions = InquiryBenchSeeder.Options(options.OwnerConnectionString, options.Database);
            seed = await InquiryBenchSeeder.StoredSummaryAsync(dbOptions, ct)
                ?? throw new InvalidOperationException($"Database {options.Database} has no seeded inquiries: run without --reuse first.");
            AnsiConsole.MarkupLine($"[grey]Reusing[/] [bold]{options.Database}[/] [grey]({seed.Inquiries:N0} inquiries, {seed.Tenants:N0} tenants)[/]");
            // Before Wolverine starts: an older database may lack its tables.
            migration = await MigrateAsync(dbOptions, ct);
        }
        else
        {
            AnsiConsole.MarkupLine($"[grey]Recreating database[/] [bold]{options.Database}[/] [grey]and migrating it…[/]");
            dbOptions = await InquiryBenchSeeder.RecreateAsync(options.OwnerConnectionString, options.Database, ct);
            await using var seeding = await InquiryBenchApp.StartAsync(dbOptions, ct);
            seed = await InquiryBenchSeeder.SeedAsync(seeding, options, ct);
        }
        PrintSeed(seed);

        await using var app = await InquiryBenchApp.StartAsync(dbOptions, ct);
        var tenants = await LoadTenantsAsync(app, ct);
        var settings = await app.ReadSettingsAsync(tenants[0].TenantId, ct);
        PrintSettings(settings);
        if (!settings.DurableCommits)
            throw new InvalidOperationException($"Commits are not durable here (synchronous_commit = {settings.SynchronousCommit}, fsync = {settings.Fsync}).");

        var workloads = new InquiryBenchWorkloads(app, tenants, options.Seed);
        await PassAsync(app, workloads, $"schema {await SchemaVersionAsync(app, ct):D4}", 0, ct);

        return new InquiryBenchReport(startedAt, DateTimeOffset.UtcNow, MachineInfo.Describe(loadAtStart), settings,
            new InquiryBenchParameters(options.Database, seed.Tenants, (int)seed.Inquiries, options.Writers, options.Registrations, options.Queries,
                options.Readers, options.Seed, options.Reuse, options.Quick, InquiryBenchTenants.ZipfExponent, InquiryBenchGenerator.SeedDays),
            seed, _phases, _messages, _plans, migration);
    }

    /// <summary>Applies what a reused database lacks (scripts, the event store upgrade); null when nothing was pending.</summary>
    private static async Task<MigrationStep?> MigrateAsync(DatabaseOptions dbOptions, CancellationToken ct)
    {
        List<string> pending = [.. (await PendingMigrationsAsync(dbOptions, ct)).Select(m => $"{m.Version:D4}_{m.Name}")];
        if (await LegacyEventStoreAsync(dbOptions, ct)) pending.Add("event store upgrade to Marten");
        if (pending.Count == 0) return null;
        var before = await IndexesAsync(dbOptions, ct);
        AnsiConsole.MarkupLine($"[grey]Applying[/] [bold]{Markup.Escape(string.Join(", ", pending))}[/] [grey]on the seeded data…[/]");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await InquiryBenchSeeder.MigratorFor(dbOptions).MigrateAsync(ct: ct);
        await using (var owner = await InquiryBenchApp.OpenOwnerAsync(dbOptions, ct))
            await owner.ExecuteAsync($"ANALYZE inquiries, {MartenEventStore.Schema}.mt_events, {MartenEventStore.Schema}.mt_streams", commandTimeout: 600);
        var migration = new MigrationStep(pending, Math.Round(clock.Elapsed.TotalSeconds, 1), before, await IndexesAsync(dbOptions, ct));
        AnsiConsole.MarkupLine($"  [grey]applied in {migration.Seconds:N1} s[/]");
        return migration;
    }

    private async Task PassAsync(InquiryBenchApp app, InquiryBenchWorkloads w, string pass, int passIndex, CancellationToken ct)
    {
        AnsiConsole.MarkupLine($"[bold]Measuring ({Markup.Escape(pass)})[/]");
        var biggest = w.Biggest;
        var n = options.Queries;
        var few = Math.Max(100, n / 5);

        var registrations = options.Registrations;
        long scheduledBefore;
        await using (var owner = await app.OpenOwnerAsync(ct)) scheduledBefore = await InquiryBenchMessages.ScheduledCountAsync(owner);
        var registered = 0;
        {
            var single = Math.Max(100, registrations / 4);
            var plans = w.Registrations(20 + single, passIndex + 100);
            var run = await MeasureAsync("Register contact + 1 inquiry (RegisterContact), 1 writer, tenants by size", plans, 20, 1, r => w.RegisterAsync(r, ct), ct);
            registered += plans.Count - (int)run.Errors;
            Add("register-1", "Register contact + 1 inquiry, 1 writer", pass, run, null, null, run.SlowestIndex >= 0 ? Describe(plans[run.SlowestIndex]) : null);
        }
        var warm = Math.Clamp(registrations / 10, 20, 200);
        await using (var owner = await app.OpenOwnerAsync(ct))
        {
            var cpuBefore = await CpuSample.TakeAsync(owner);
            var plans = w.Registrations(warm + registrations, passIndex);
            var run = await MeasureAsync($"Register contact + 1 inquiry (RegisterContact), {options.Writers} writers, tenants by size", plans, warm,
                options.Writers, r => w.RegisterAsync(r, ct), ct);
            var cpu = CpuUse.From(cpuBefore, await CpuSample.TakeAsync(owner), "registration", run.Runs + warm, run.WallSeconds);
            registered += plans.Count - (int)run.Errors;
            var messages = _messages = new RegistrationMessages(registered, scheduledBefore, await InquiryBenchMessages.ScheduledCountAsync(owner));
            Add("register", $"Register contact + 1 inquiry, {options.Writers} writers", pass, run, RegisterTargetP99Ms, cpu,
                run.SlowestIndex >= 0 ? Describe(plans[run.SlowestIndex]) : null);
            AnsiConsole.MarkupLine($"  [grey]scheduled messages: {messages.ScheduledBefore:N0} before the registrations, {messages.ScheduledAfter:N0} after " +
                $"{messages.Registrations:N0} registrations[/] " + (messages.EachScheduled ? "[green]one SLA timer each[/]" : "[red]not one SLA timer each[/]"));
        }

        {
            var plans = w.QueuePlans(100 + n, passIndex);
            var run = await MeasureAsync($"Queue page (InquiryQueries.QueueAsync), {options.Readers} readers, random tenants/queues", plans, 100,
                options.Readers, p => w.QueuePageAsync(p, ct), ct);
            Add("queue", $"Queue page, random tenants/queues, {options.Readers} readers", pass, run, QueryTargetP99Ms, null, Slowest(plans, run, p => $"{p.Tenant.Slug} ({p.Tenant.Inquiries:N0}) queue {p.Queue}"));
        }
        {
            var plans = w.QueuePlans(50 + few, passIndex + 100, biggest);
            var run = await MeasureAsync($"Queue page, biggest tenant ({biggest.Inquiries:N0}), 1 reader", plans, 50, 1, p => w.QueuePageAsync(p, ct), ct);
            Add("queue-biggest", "Queue page, biggest tenant, 1 reader", pass, run, QueryTargetP99Ms, null, Slowest(plans, run, p => $"queue {p.Queue}"));
        }
        {
            var plans = w.QueuePlans(50 + few, passIndex + 200);
            var run = await MeasureAsync($"Queue counters (InquiryQueries.QueuesAsync), {options.Readers} readers, random tenants", plans, 50,
                options.Readers, p => w.QueueCountsAsync(p, ct), ct);
            Add("queue-counts", $"Queue counters, random tenants, {options.Readers} readers", pass, run, QueryTargetP99Ms, null, Slowest(plans, run, p => $"{p.Tenant.Slug} ({p.Tenant.Inquiries:N0})"));
        }
        IReadOnlyList<InquiryBenchWorkloads.FilterPlan> topPlans;
        LatencyRun topRun;
        {
            var plans = w.FilterPlans(100 + n, passIndex);
            var run = await MeasureAsync($"Filter query (7 fields, newest 50), {options.Readers} readers, random tenants", plans, 100,
                options.Readers, p => w.FilterAsync(p, ct), ct);
            Add("filter", $"Filter query, random tenants, {options.Readers} readers", pass, run, QueryTargetP99Ms, null, Slowest(plans, run, p => $"{p.Tenant.Slug} ({p.Tenant.Inquiries:N0}): {p.Parameters}"));
        }
        {
            topPlans = w.FilterPlans(50 + few, passIndex + 100, biggest);
            topRun = await MeasureAsync($"Filter query, biggest tenant ({biggest.Inquiries:N0}), 1 reader", topPlans, 50, 1, p => w.FilterAsync(p, ct), ct);
            Add("filter-biggest", "Filter query, biggest tenant, 1 reader", pass, topRun, QueryTargetP99Ms, null, Slowest(topPlans, topRun, p => p.Parameters.ToString()));
        }

        var (queue, waiting) = await w.BiggestQueueAsync(ct);
        await ExplainAsync(app, pass, $"Queue page, biggest tenant, queue '{queue}' ({waiting:N0} waiting)", $"queue={queue}, limit=100",
            biggest.TenantId, InquiryBenchQueries.QueueSql, new { projectId = biggest.ProjectId, queueCode = queue, limit = 100 }, ct);
        var typical = w.TypicalFilter(biggest);
        await ExplainFilterAsync(app, pass, "Filter query, biggest tenant, common values", biggest, typical, ct);
        if (topRun.SlowestIndex >= 0)
        {
            var slow = topPlans[topRun.SlowestIndex].Parameters;
            await ExplainFilterAsync(app, pass, "Filter query, biggest tenant, slowest run's values", biggest, slow, ct);
        }
    }

    private static string Describe(InquiryBenchWorkloads.Registration r) =>
        $"{r.Tenant.Slug} ({r.Tenant.Inquiries:N0}), customer {(r.Command.CustomerId is null ? "none" : "known")}, channel {r.Command.Channel}";

    private static string? Slowest<T>(IReadOnlyList<T> plans, LatencyRun run, Func<T, string> describe) =>
        run.SlowestIndex >= 0 ? describe(plans[run.SlowestIndex]) : null;

    private void Add(string key, string title, string pass, LatencyRun run, double? target, CpuUse? cpu, string? slowest)
    {
        var phase = new LatencyPhase(key, title, pass, run.Runs, run.Concurrency, Math.Round(run.WallSeconds, 2), run.Runs / Math.Max(run.WallSeconds, 1e-9),
            run.Latency, Math.Round(run.MeanRows, 1), run.Errors, run.FirstError, target, cpu, slowest, MachineInfo.LoadAverage());
        _phases.Add(phase);
        AnsiConsole.MarkupLine(
            $"  p50 [bold]{run.Latency.P50Ms:N2}[/] ms, p95 {run.Latency.P95Ms:N2} ms, p99 [bold]{run.Latency.P99Ms:N2}[/] ms, max {run.Latency.MaxMs:N1} ms, " +
            $"{phase.PerSecond:N0}/s, {run.MeanRows:N1} rows/run, load {phase.LoadAverage}" +
            (cpu is { } c ? $", CPU/registration {c.AppMs:N2} ms app + {c.DatabaseMs:N2} ms db" : "") +
            (phase.MetTarget switch { true => " [green]target met[/]", false => " [red]target missed[/]", null => "" }) +
            (run.Errors > 0 ? $", [red]{run.Errors} errors[/] (first: {Markup.Escape(run.FirstError ?? "")})" : ""));
    }

    /// <summary>EXPLAIN of the page query <see cref="InquirySearch"/> builds for the filter, as the tenant's operator.</summary>
    private Task ExplainFilterAsync(InquiryBenchApp app, string pass, string title, MeasureTenant tenant, FilterParameters filter, CancellationToken ct)
    {
        var (sql, args) = app.Search(app.Session(tenant, tenant.Operators[0])).PageQuery(filter.ToFilter());
        return ExplainAsync(app, pass, title, filter.ToString(), tenant.TenantId, sql, args, ct);
    }

    private async Task ExplainAsync(InquiryBenchApp app, string pass, string title, string parameters, Guid tenant, string sql, object values, CancellationToken ct)
    {
        var plan = await InquiryBenchQueries.ExplainAsync(app.Db, tenant, sql, values, ct);
        _plans.Add(new QueryPlan(pass, title, parameters, plan));
        AnsiConsole.MarkupLine($"[grey]EXPLAIN (ANALYZE, BUFFERS): {Markup.Escape(title)} — {Markup.Escape(parameters)}[/]");
        AnsiConsole.WriteLine(plan);
    }

    private static async Task<LatencyRun> MeasureAsync<T>(string description, IReadOnlyList<T> plans, int warmup, int concurrency,
        Func<T, Task<int>> run, CancellationToken ct)
    {
        LatencyRun result = null!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"{description} ({warmup:N0} warm-up + {plans.Count - warmup:N0})"), maxValue: plans.Count);
                result = await LatencyRunner.RunAsync(plans, warmup, concurrency, run, done => task.Value = done, ct);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    /// <summary>The tenants as stored: project, size, configuration (read through <c>ProjectConfigStore</c> as the app role), customers, operators.</summary>
    private static async Task<List<MeasureTenant>> LoadTenantsAsync(InquiryBenchApp app, CancellationToken ct)
    {
        await using var owner = await app.OpenOwnerAsync(ct);
        var rows = (await owner.QueryAsync<(Guid TenantId, string Slug, string Name, Guid ProjectId, long Inquiries)>("""
            SELECT t.tenant_id, t.slug, t.name, p.project_id, coalesce(n.count, 0)
            FROM tenants t JOIN projects p USING (tenant_id)
            LEFT JOIN (SELECT tenant_id, count(*) FROM inquiries GROUP BY tenant_id) n USING (tenant_id)
            WHERE t.slug LIKE 'bench-%' ORDER BY t.slug
            """, commandTimeout: 600)).ToList();
        var customers = (await owner.QueryAsync<(Guid, Guid[])>("""
            SELECT tenant_id, (array_agg(customer_id ORDER BY random()))[1:20] FROM customers GROUP BY tenant_id
            """, commandTimeout: 600)).ToDictionary(x => x.Item1, x => x.Item2);
        var operators = (await owner.QueryAsync<(Guid, Guid, string)>("""
            SELECT m.tenant_id, u.user_id, u.display_name FROM project_members m JOIN users u USING (tenant_id, user_id)
            """)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Select(x => new Actor(x.Item2, x.Item3)).ToArray());

        var tenants = new List<MeasureTenant>(rows.Count);
        foreach (var r in rows)
        {
            await using var uow = await app.Db.BeginTenantAsync(r.TenantId, ct);
            var config = await app.Projects.CurrentAsync(uow, r.ProjectId)
                ?? throw new InvalidOperationException($"Project {r.ProjectId} of {r.Slug} is not readable as the app role.");
            tenants.Add(new MeasureTenant(r.TenantId, r.Slug, r.Name, r.ProjectId, r.Inquiries, config,
                customers.GetValueOrDefault(r.TenantId) ?? [], operators[r.TenantId]));
        }
        if (tenants.Count == 0) throw new InvalidOperationException("No benchmark tenants found.");
        return tenants;
    }

    private static async Task<List<MigrationScript>> PendingMigrationsAsync(DatabaseOptions dbOptions, CancellationToken ct)
    {
        await using var owner = await InquiryBenchApp.OpenOwnerAsync(dbOptions, ct);
        var applied = (await owner.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        return [.. MigrationScript.LoadEmbedded().Where(s => !applied.Contains(s.Version))];
    }

    /// <summary>Seeded before the move to Marten: the migrator moves the events over (no script is pending for it).</summary>
    private static async Task<bool> LegacyEventStoreAsync(DatabaseOptions dbOptions, CancellationToken ct)
    {
        await using var owner = await InquiryBenchApp.OpenOwnerAsync(dbOptions, ct);
        return await LegacyEventUpgrade.IsNeededAsync(owner, ct);
    }

    private static async Task<int> SchemaVersionAsync(InquiryBenchApp app, CancellationToken ct)
    {
        await using var owner = await app.OpenOwnerAsync(ct);
        return await owner.ExecuteScalarAsync<int>("SELECT max(version) FROM schema_migrations");
    }

    private static async Task<List<string>> IndexesAsync(DatabaseOptions dbOptions, CancellationToken ct)
    {
        await using var owner = await InquiryBenchApp.OpenOwnerAsync(dbOptions, ct);
        return [.. await owner.QueryAsync<string>("""
            SELECT indexdef || '  -- ' || pg_size_pretty(pg_relation_size(format('%I', indexname)::regclass))
            FROM pg_indexes WHERE tablename = 'inquiries' ORDER BY indexname
            """)];
    }

    private static void PrintSeed(SeedSummary s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[grey]seeded[/]", Markup.Escape($"{s.Inquiries:N0} inquiries, {s.Contacts:N0} contacts, {s.Events:N0} events, {s.Customers:N0} customers, {s.ScheduledMessages:N0} scheduled messages ({s.MessageKeys:N0} message keys), {s.Tenants:N0} tenants"));
        grid.AddRow("[grey]seeding time[/]", Markup.Escape($"{s.TotalSeconds:N1} s (tenants {s.TenantsSeconds:N1} s, inquiries {s.InquiriesSeconds:N1} s = {s.Inquiries / Math.Max(s.InquiriesSeconds, 1e-9):N0}/s [generating {s.GenerateSeconds:N1} s on worker threads, COPY {s.CopySeconds:N1} s, scheduled messages {s.ScheduleSeconds:N1} s], VACUUM ANALYZE + CHECKPOINT {s.VacuumSeconds:N1} s)"));
        grid.AddRow("[grey]tenant sizes[/]", Markup.Escape($"biggest {s.BiggestTenant:N0}, smallest {s.SmallestTenant:N0}, ten biggest {s.TopTenShare:P1}"));
        grid.AddRow("[grey]statuses[/]", Markup.Escape(string.Join(", ", s.Statuses.Select(x => $"{x.Key} {x.Value:N0}"))));
        grid.AddRow("[grey]waiting by queue[/]", Markup.Escape(string.Join(", ", s.WaitingByQueue.Select(x => $"{x.Key} {x.Value:N0}"))));
        grid.AddRow("[grey]sizes[/]", Markup.Escape(string.Join(", ", s.TableSizes.Select(x => $"{x.Key} {x.Value}"))));
        grid.AddRow("[grey]checks[/]", (s.VerifyMismatches == 0 && s.VersionMismatches == 0 && s.MessageMismatches == 0 ? "[green]" : "[red]") + Markup.Escape(
            $"{s.VerifiedSample} sampled rows re-projected by InquiryProjection: {s.VerifyMismatches} differ; stream versions ≠ read model: {s.VersionMismatches}; " +
            $"{s.MessagesRead} scheduled messages read back through Wolverine: {s.MessageMismatches} not an SLA timer with its key") + "[/]");
        if (s.FirstMismatch is { } m) grid.AddRow("[red]first mismatch[/]", Markup.Escape(m));
        if (s.FirstMessageMismatch is { } mm) grid.AddRow("[red]first message mismatch[/]", Markup.Escape(mm));
        AnsiConsole.Write(grid);
    }

    private static void PrintSettings(ServerSettings s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[grey]synchronous_commit / fsync[/]", Markup.Escape($"{s.SynchronousCommit} / {s.Fsync} ({s.WalSyncMethod})"));
        grid.AddRow("[grey]PostgreSQL[/]", Markup.Escape($"{s.Version}, shared_buffers {s.SharedBuffers}"));
        grid.AddRow("[grey]machine[/]", Markup.Escape($"{Environment.ProcessorCount} cores, {MachineInfo.CpuModel()}, load {MachineInfo.LoadAverage()}"));
        AnsiConsole.Write(grid);
    }
}
