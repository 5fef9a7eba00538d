using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Npgsql;
using Spectre.Console;

namespace Ktp.Benchmarks;

/// <summary>
/// Recreates the database at the current schema, and bulk-loads tenants and
/// inquiries (see <see cref="InquiryBenchGenerator"/>) by binary COPY, in time order, one transaction per chunk,
/// generating the next chunks while the current one loads; the pending SLA timers as Wolverine's scheduled messages, written
/// by the app's outbox in the chunk's transaction. Then VACUUM ANALYZE and CHECKPOINT, a check of a sample of read-model
/// rows against the app's own <c>InquiryProjection</c>, and one of the scheduled messages read back through Wolverine.
/// </summary>
public static class InquiryBenchSeeder
{
    private const int ChunkContacts = 4_000;
    private const int VerifySample = 300;
    private const string Es = Ktp.Infrastructure.Events.MartenEventStore.Schema;

    public static async Task<DatabaseOptions> RecreateAsync(string ownerConnectionString, string database, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(With(ownerConnectionString, "postgres", pooling: false)))
        {
            await admin.OpenAsync(ct);
            var super = await admin.ExecuteScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
            if (!super) throw new InvalidOperationException("Seeding uses COPY into tables with forced row-level security: the owner connection must be a superuser (./ktp db gives one).");
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        }
        var options = Options(ownerConnectionString, database);
        await MigratorFor(options).MigrateAsync(ct: ct);
        return options;
    }

    /// <summary>The migrator as the app's container builds it: with the event types and async projections the event store upgrade needs.</summary>
    public static Migrator MigratorFor(DatabaseOptions options) =>
        new(options, NullLogger<Migrator>.Instance, InquiryBenchApp.CreateRegistry(), [new Ktp.Tenancy.Activity.TenantActivityProjection()]);

    public static DatabaseOptions Options(string ownerConnectionString, string database) =>
        new() { OwnerConnectionString = With(ownerConnectionString, database, pooling: true), MaxPoolSize = 50 };

    public static async Task<SeedSummary> SeedAsync(InquiryBenchApp app, InquiryBenchOptions options, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var tenants = InquiryBenchTenants.Create(options.Tenants, options.Inquiries, now, options.Seed);
        var slots = InquiryBenchGenerator.Slots(tenants, now, options.Seed);
        var generator = new InquiryBenchGenerator(tenants, now, app.Registry);
        double tenantsSeconds = 0, inquiriesSeconds = 0, vacuumSeconds = 0, generateSeconds = 0, copySeconds = 0, scheduleSeconds = 0;
        long pendingTimers = 0;

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var tenantTask = ctx.AddTask($"Tenants, projects, users, customers ({tenants.Count:N0})", maxValue: 1);
                var inquiryTask = ctx.AddTask($"Inquiries: streams, events, contacts, read model, SLA timers ({options.Inquiries:N0})", autoStart: false, maxValue: options.Inquiries);
                var backOfficeTask = ctx.AddTask("Back office read models: attribute index, repeat inquiries", autoStart: false, maxValue: 2);
                var vacuumTask = ctx.AddTask("VACUUM ANALYZE, CHECKPOINT", autoStart: false, maxValue: 1);

                var clock = Stopwatch.StartNew();
                var sequence = await EventSequenceAsync(app, ct);
                await Task.Run(async () =>
                {
                    await using var owner = await app.OpenOwnerAsync(ct);
                    await using var tx = await owner.BeginTransactionAsync(ct);
                    InquiryBenchLoader.LoadTenants(owner, tenants, app.Registry, sequence);
                    await tx.CommitAsync(ct);
                }, ct);
                tenantTask.Value = 1;
                tenantTask.StopTask();
                tenantsSeconds = clock.Elapsed.TotalSeconds;

                inquiryTask.StartTask();
                clock.Restart();
                (generateSeconds, copySeconds, scheduleSeconds, pendingTimers) = await Task.Run(() => LoadInquiriesAsync(app, generator, slots, options.Seed, sequence, n => inquiryTask.Increment(n), ct), ct);
                await using (var owner = await app.OpenOwnerAsync(ct))
                {
                    await owner.ExecuteAsync($"SELECT setval('{Es}.mt_events_sequence', @last)", new { last = sequence.Last });
                    // The registering handler counts on from here.
                    await owner.ExecuteAsync("""
                        INSERT INTO inquiry_numbers (tenant_id, last_number) SELECT tenant_id, max(number) FROM inquiries GROUP BY tenant_id
                        ON CONFLICT (tenant_id) DO UPDATE SET last_number = excluded.last_number
                        """, commandTimeout: 600);
                }
                inquiryTask.StopTask();

                backOfficeTask.StartTask();
                await using (var owner = await app.OpenOwnerAsync(ct))
                {
                    await owner.ExecuteAsync(AttributeIndexSql, commandTimeout: 3600);
                    backOfficeTask.Increment(1);
                    await owner.ExecuteAsync(RepeatsSql, commandTimeout: 3600);
                    backOfficeTask.Increment(1);
                }
                backOfficeTask.StopTask();
                inquiriesSeconds = clock.Elapsed.TotalSeconds;

                vacuumTask.StartTask();
                clock.Restart();
                await using (var owner = await app.OpenOwnerAsync(ct))
                {
                    await owner.ExecuteAsync($"""
                        VACUUM (ANALYZE) inquiries, inquiry_attribute_values, inquiry_repeats, es.mt_events, es.mt_streams, contacts, customers,
                          scheduled_message_keys, {InquiryBenchMessages.IncomingTable}, projects, project_settings, project_routes, tenants
                        """,
                        commandTimeout: 3600);
                    // CommandType.Text: Dapper would take a single word for a stored procedure name.
                    await owner.ExecuteAsync("CHECKPOINT", commandTimeout: 3600, commandType: System.Data.CommandType.Text);
                }
                vacuumTask.Value = 1;
                vacuumTask.StopTask();
                vacuumSeconds = clock.Elapsed.TotalSeconds;
            });
        total.Stop();

        var summary = await SummarizeAsync(app, tenants.Count, pendingTimers, tenantsSeconds, inquiriesSeconds, generateSeconds, copySeconds, scheduleSeconds,
            vacuumSeconds, total.Elapsed.TotalSeconds, ct);
        await using (var owner = await app.OpenOwnerAsync(ct))
        {
            await owner.ExecuteAsync("CREATE TABLE bench_inquiry_seed (seeded_at timestamptz NOT NULL DEFAULT now(), summary jsonb NOT NULL)");
            await owner.ExecuteAsync("INSERT INTO bench_inquiry_seed (summary) VALUES (@json::jsonb)", new { json = JsonSerializer.Serialize(summary) });
        }
        return summary;
    }

    // What AttributeIndexProjection and RepeatInquiryProjection would have written for the seeded inquiries.
    private static readonly string AttributeIndexSql = $"""
        INSERT INTO inquiry_attribute_values (tenant_id, code, value, inquiry_id)
        SELECT i.tenant_id, a.key, left(a.value, {AttributeIndexProjection.MaxIndexed}), i.inquiry_id
        FROM inquiries i, jsonb_each_text(i.attributes) a WHERE a.value <> ''
        ON CONFLICT DO NOTHING
        """;

    private static readonly string RepeatsSql = $"""
        INSERT INTO inquiry_repeats (tenant_id, inquiry_id, previous_id, customer_id, registered_at)
        SELECT tenant_id, inquiry_id, previous_id, customer_id, registered_at FROM (
          SELECT tenant_id, inquiry_id, customer_id, registered_at,
                 lag(inquiry_id) OVER w AS previous_id, lag(registered_at) OVER w AS previous_at
          FROM inquiries WHERE customer_id IS NOT NULL
          WINDOW w AS (PARTITION BY tenant_id, customer_id, topic_id ORDER BY registered_at)) x
        WHERE previous_id IS NOT NULL AND previous_at < registered_at
          AND previous_at >= registered_at - interval '{RepeatInquiryProjection.WindowDays} days'
        """;

    /// <summary>Numbers after every stored sequence number (none on a fresh database: the migrator appends nothing).</summary>
    private static async Task<EventSequence> EventSequenceAsync(InquiryBenchApp app, CancellationToken ct)
    {
        await using var owner = await app.OpenOwnerAsync(ct);
        return new EventSequence(await owner.ExecuteScalarAsync<long>($"""
            SELECT greatest((SELECT coalesce(max(seq_id), 0) FROM {Es}.mt_events),
                            (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {Es}.mt_events_sequence))
            """));
    }

    /// <summary>The summary an earlier run stored (for <c>--reuse</c>).</summary>
    public static async Task<SeedSummary?> StoredSummaryAsync(DatabaseOptions options, CancellationToken ct)
    {
        await using var owner = await InquiryBenchApp.OpenOwnerAsync(options, ct);
        if (!await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('bench_inquiry_seed') IS NOT NULL")) return null;
        var json = await owner.ExecuteScalarAsync<string>("SELECT summary::text FROM bench_inquiry_seed ORDER BY seeded_at DESC LIMIT 1");
        return json is null ? null : JsonSerializer.Deserialize<SeedSummary>(json);
    }

    /// <summary>Generation runs ahead on the thread pool (a few chunks in flight); one connection loads chunks in order.</summary>
    /// <returns>
    /// Seconds spent generating (summed over the generating threads), in COPY + commit, and scheduling the pending SLA timers;
    /// how many timers were pending.
    /// </returns>
    private static async Task<(double Generate, double Copy, double Schedule, long Pending)> LoadInquiriesAsync(InquiryBenchApp app,
        InquiryBenchGenerator generator, ContactSlot[] slots, int seed, EventSequence sequence, Action<int> loaded, CancellationToken ct)
    {
        long generateTicks = 0;
        var chunks = (slots.Length + ChunkContacts - 1) / ChunkContacts;
        var window = new Queue<Task<SeedChunk>>();
        var nextChunk = 0;
        void Fill()
        {
            while (window.Count < 3 && nextChunk < chunks)
            {
                var k = nextChunk++;
                var segment = new ArraySegment<ContactSlot>(slots, k * ChunkContacts, Math.Min(ChunkContacts, slots.Length - k * ChunkContacts));
                window.Enqueue(Task.Run(() =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var chunk = generator.Generate(segment, seed * 1_000_003 + k);
                    Interlocked.Add(ref generateTicks, Stopwatch.GetTimestamp() - started);
                    return chunk;
                }, ct));
            }
        }
        await using var owner = await app.OpenOwnerAsync(ct);
        Fill();
        long copyTicks = 0, scheduleTicks = 0, pending = 0;
        while (window.Count > 0)
        {
            var chunk = await window.Dequeue();
            Fill();
            var started = Stopwatch.GetTimestamp();
            await using var tx = await owner.BeginTransactionAsync(ct);
            InquiryBenchLoader.LoadChunk(owner, chunk, sequence);
            var scheduling = Stopwatch.GetTimestamp();
            await InquiryBenchLoader.SchedulePendingTimersAsync(app.Outbox, owner, tx, chunk);
            scheduleTicks += Stopwatch.GetTimestamp() - scheduling;
            pending += chunk.SlaTimers.Count(t => t.Pending);
            await tx.CommitAsync(ct);
            copyTicks += Stopwatch.GetTimestamp() - started;
            loaded(chunk.Inquiries.Count);
        }
        static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
        return (Seconds(generateTicks), Seconds(copyTicks - scheduleTicks), Seconds(scheduleTicks), pending);
    }

    private static async Task<SeedSummary> SummarizeAsync(InquiryBenchApp app, int tenantCount, long pendingTimers, double tenantsSeconds, double inquiriesSeconds,
        double generateSeconds, double copySeconds, double scheduleSeconds, double vacuumSeconds, double totalSeconds, CancellationToken ct)
    {
        await using var owner = await app.OpenOwnerAsync(ct);
        async Task<long> Count(string table) => await owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", commandTimeout: 600);
        var statuses = (await owner.QueryAsync<(string, long)>("SELECT status, count(*) FROM inquiries GROUP BY 1 ORDER BY 2 DESC", commandTimeout: 600))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var queues = (await owner.QueryAsync<(string, long)>("SELECT queue_code, count(*) FROM inquiries WHERE status = 'Waiting' GROUP BY 1 ORDER BY 2 DESC", commandTimeout: 600))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var perTenant = (await owner.QueryAsync<long>("SELECT count(*) FROM inquiries GROUP BY tenant_id ORDER BY 1 DESC", commandTimeout: 600)).ToList();
        var sizes = (await owner.QueryAsync<(string, string)>("""
            SELECT t, pg_size_pretty(pg_total_relation_size(t::regclass))
            FROM unnest(ARRAY['inquiries', 'es.mt_events', 'es.mt_streams', 'contacts', 'customers', 'scheduled_message_keys', @incoming]) t
            ORDER BY pg_total_relation_size(t::regclass) DESC
            """, new { incoming = InquiryBenchMessages.IncomingTable })).ToDictionary(x => x.Item1, x => x.Item2);
        var versionMismatches = await owner.ExecuteScalarAsync<long>($"""
            SELECT count(*) FROM inquiries i JOIN {Es}.mt_streams s ON s.tenant_id = i.tenant_id::text AND s.id = i.inquiry_id WHERE s.version <> i.version
            """, commandTimeout: 600);
        var (verified, mismatches, first) = await VerifyWithProjectionAsync(app, owner, ct);
        var (messagesRead, messageMismatches, firstMessage) = await InquiryBenchMessages.VerifyScheduledAsync(app.Messaging, owner, pendingTimers);
        var inquiries = perTenant.Sum();
        return new SeedSummary(tenantCount, inquiries, await Count("contacts"), await Count("customers"), await Count($"{Es}.mt_events"), await Count($"{Es}.mt_streams"),
            pendingTimers, await InquiryBenchMessages.ScheduledCountAsync(owner), await Count("scheduled_message_keys"),
            Math.Round(tenantsSeconds, 1), Math.Round(inquiriesSeconds, 1), Math.Round(generateSeconds, 1), Math.Round(copySeconds, 1), Math.Round(scheduleSeconds, 1), Math.Round(vacuumSeconds, 1), Math.Round(totalSeconds, 1),
            statuses, queues, perTenant.FirstOrDefault(), perTenant.LastOrDefault(), inquiries == 0 ? 0 : perTenant.Take(10).Sum() / (double)inquiries,
            sizes, verified, mismatches, versionMismatches, first, messagesRead, messageMismatches, firstMessage);
    }

    /// <summary>
    /// For a random sample of seeded inquiries, in a transaction that is rolled back: read the stream through the
    /// event store (every event must deserialize), run the app's <c>InquiryProjection</c> over it, and compare the
    /// row it writes with the seeded one.
    /// </summary>
    private static async Task<(int Verified, int Mismatches, string? First)> VerifyWithProjectionAsync(InquiryBenchApp app, NpgsqlConnection owner, CancellationToken ct)
    {
        var sample = (await owner.QueryAsync<(Guid, Guid)>("SELECT tenant_id, inquiry_id FROM inquiries ORDER BY random() LIMIT @n",
            new { n = VerifySample }, commandTimeout: 600)).ToList();
        var mismatches = 0;
        string? first = null;
        const string row = "SELECT to_jsonb(i)::text FROM inquiries i WHERE inquiry_id = @id";
        foreach (var (tenant, id) in sample)
        {
            await using var uow = await app.Db.BeginTenantAsync(tenant, ct);
            var seeded = await uow.QuerySingleAsync<string>(row, new { id }, ct: ct);
            var events = await app.Store.ReadStreamAsync(uow, id, ct: ct);
            await app.Projection.ApplyAsync(uow, events, ct);
            var same = await uow.QuerySingleAsync<bool>("SELECT (SELECT to_jsonb(i) FROM inquiries i WHERE inquiry_id = @id) = @seeded::jsonb", new { id, seeded }, ct: ct);
            if (!same)
            {
                mismatches++;
                first ??= $"{id}: seeded {seeded} / projected {await uow.QuerySingleAsync<string>(row, new { id }, ct: ct)}";
            }
            // disposed without commit: rolled back
        }
        return (sample.Count, mismatches, first);
    }

    private static string With(string connectionString, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = pooling }.ConnectionString;
}
