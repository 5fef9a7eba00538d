using Dapper;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Migrations;
using Ktp.Infrastructure.Projections;
using Ktp.Testing;
using Ktp.Infrastructure.Inquiries;
using Marten;
using Ktp.Web.Hosting;
using Wolverine.Runtime;
using Wolverine.Util;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using System.Text.Json.Nodes;

namespace Ktp.Web.Tests.Upgrade;

/// <summary>
/// The upgrade from the hand-written event store: a real database made by the earlier version
/// (tests/fixtures/legacy) is restored, migrated by this version, and compared row by row.
/// </summary>
public sealed class LegacyUpgradeTests
{
    /// <summary>The earlier store's own tables: what the upgrade moves and drops.</summary>
    private static readonly string[] LegacyStoreTables = ["events", "archived_events", "streams", "projection_checkpoints", "outbox", "schema_migrations"];

    [Fact]
    public async Task Upgrading_moves_every_event_and_keeps_every_read_model_row()
    {
        await using var app = await LegacyApp.RestoreAsync();
        await using var owner = app.Database.OpenOwner();
        var tablesBefore = await ReadModelTablesAsync(owner);
        var rowsBefore = await SnapshotAsync(owner, tablesBefore);
        var eventsBefore = (await owner.QueryAsync<EventRow>(LegacyEventsSql)).ToList();
        eventsBefore.Count.ShouldBe(112); // 102 hot + 10 archived, as the fixture's README says

        var progress = new List<(long Done, long Total)>();
        var migrator = app.Migrator();
        migrator.UpgradeProgress = new SynchronousProgress(progress.Add);
        await migrator.MigrateAsync();

        (await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM unnest(@names::text[]) n WHERE to_regclass('public.' || n) IS NOT NULL",
            new { names = new[] { "events", "archived_events", "streams", "projection_checkpoints" } })).ShouldBe(0);
        progress[^1].ShouldBe((21L, 21L));
        var eventsAfter = (await owner.QueryAsync<EventRow>(MartenEventsSql)).ToList();
        eventsAfter.ShouldBe(eventsBefore);

        // The async read models were emptied; Marten's daemon rebuilds them from the moved events.
        await CatchUpAsync(app);
        ShouldHaveSameRows(AsRewrittenByLaterMigrations(await SnapshotAsync(owner, tablesBefore), expected: false),
            AsRewrittenByLaterMigrations(rowsBefore, expected: true));
    }

    [Fact]
    public async Task Moved_streams_read_back_as_the_app_s_events_and_fold_into_the_same_inquiry_rows()
    {
        await using var app = await LegacyApp.RestoreAsync();
        await app.Migrator().MigrateAsync();
        await app.StartAsync();
        await using var owner = app.Database.OpenOwner();
        var streams = (await owner.QueryAsync<(Guid Tenant, Guid Stream, long Version, bool Archived)>(
            "SELECT tenant_id::uuid, id, version, is_archived FROM es.mt_streams WHERE type = 'inquiry'")).ToList();
        streams.Count(s => s.Archived).ShouldBe(2);
        // The fixture's two archived rows had closed_at moved back by hand to make them due (its README, step 2),
        // so they differ from their own events by construction: they are read back, not compared.
        var live = streams.Where(s => !s.Archived).Select(s => s.Stream).ToArray();
        var inquiriesBefore = await SnapshotAsync(owner, ["inquiries"], "inquiry_id = ANY(@live)", new { live });

        var store = app.Services.GetRequiredService<Ktp.Infrastructure.Events.EventStore>();
        var projection = app.Services.GetServices<Ktp.Infrastructure.Events.IInlineProjection>().OfType<InquiryProjection>().Single();
        await owner.ExecuteAsync("DELETE FROM inquiries WHERE inquiry_id = ANY(@live)", new { live });
        foreach (var (tenant, stream, version, archived) in streams)
        {
            await using var uow = await app.Database.Db.BeginTenantAsync(tenant);
            var events = await store.ReadStreamAsync(uow, stream);
            events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, (int)version).Select(v => (long)v));
            if (archived)
            {
                events[^1].Data.ShouldBeOfType<Ktp.Domain.Inquiries.InquiryArchived>();
                continue;
            }
            await projection.ApplyAsync(uow, events, default);
            await uow.CommitAsync();
        }
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries")).ShouldBe(18);

        ShouldHaveSameRows(await SnapshotAsync(owner, ["inquiries"], "inquiry_id = ANY(@live)", new { live }), inquiriesBefore);
    }

    [Fact]
    public async Task An_interrupted_upgrade_resumes_and_a_second_run_changes_nothing()
    {
        await using var app = await LegacyApp.RestoreAsync();
        await using var owner = app.Database.OpenOwner();
        var eventsBefore = (await owner.QueryAsync<EventRow>(LegacyEventsSql)).ToList();
        var migrator = app.Migrator();
        migrator.UpgradeStreamsPerBatch = 5;

        // The node dies after two committed batches of streams.
        var batches = 0;
        migrator.UpgradeProgress = new SynchronousProgress(_ => { if (++batches == 2) throw new OperationCanceledException("node stopped"); });
        await Should.ThrowAsync<OperationCanceledException>(() => migrator.MigrateAsync());
        (await owner.ExecuteScalarAsync<long>("SELECT count(DISTINCT stream_id) FROM es.mt_events")).ShouldBe(10);
        (await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('public.events') IS NOT NULL")).ShouldBeTrue();

        migrator.UpgradeProgress = null;
        await migrator.MigrateAsync();
        await migrator.MigrateAsync();

        (await owner.QueryAsync<EventRow>(MartenEventsSql)).ToList().ShouldBe(eventsBefore);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) - count(DISTINCT (stream_id, version)) FROM es.mt_events")).ShouldBe(0);
    }

    [Fact]
    public async Task An_event_type_no_module_knows_stops_the_upgrade_before_anything_moves_and_names_it()
    {
        await using var app = await LegacyApp.RestoreAsync();
        await using var owner = app.Database.OpenOwner();
        await owner.ExecuteAsync("UPDATE events SET event_type = 'inquiry.teleported' WHERE position = (SELECT max(position) FROM events)");

        var error = await Should.ThrowAsync<UnknownEventTypeException>(() => app.Migrator().MigrateAsync());

        error.EventType.ShouldBe("inquiry.teleported");
        error.Message.ShouldContain("inquiry.teleported");
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM events")).ShouldBe(102);
    }

    [Fact]
    public async Task Pending_timers_of_the_earlier_outbox_become_scheduled_messages_for_the_same_time_once()
    {
        await using var app = await LegacyApp.RestoreAsync();
        await using var owner = app.Database.OpenOwner();
        var legacy = (await owner.QueryAsync<(Guid Tenant, Guid Inquiry, DateTime Due)>("""
            SELECT tenant_id, (payload->>'inquiryId')::uuid, due_at FROM outbox WHERE status = 'pending' AND kind = 'inquiry.sla_due'
            """)).Select(t => (t.Tenant, t.Inquiry, new DateTimeOffset(DateTime.SpecifyKind(t.Due, DateTimeKind.Utc)))).OrderBy(t => t.Inquiry).ToList();
        legacy.Count.ShouldBe(18);
        await app.Migrator().MigrateAsync();
        await app.StartAsync();

        (await LegacyTimers.MoveAsync(app.Services)).ShouldBe(18);
        (await LegacyTimers.MoveAsync(app.Services)).ShouldBe(0, "a second run finds the old table gone");

        (await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('public.outbox') IS NULL")).ShouldBeTrue();
        var runtime = app.Services.GetRequiredService<IWolverineRuntime>();
        var moved = (await runtime.Storage.Admin.AllIncomingAsync())
            .Where(e => e.MessageType == typeof(SlaDeadlineDue).ToMessageTypeName())
            .Select(e => (Tenant: Guid.Parse(e.TenantId!), Timer: (SlaDeadlineDue)runtime.Options.DefaultSerializer!.ReadFromData(typeof(SlaDeadlineDue), e)))
            .Select(m => (m.Tenant, m.Timer.InquiryId, m.Timer.DueAt)).OrderBy(t => t.InquiryId).ToList();
        moved.ShouldBe(legacy);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM scheduled_message_keys WHERE key LIKE 'sla:%'")).ShouldBe(18);
    }

    private sealed record EventRow(Guid TenantId, Guid StreamId, long Version, string Type, string Data, DateTime At,
        string? UserName, string? CorrelationId, bool Archived);

    /// <summary>The earlier store's events as the upgrade must write them: registrations gain the number the table gave them.</summary>
    private const string LegacyEventsSql = """
        SELECT e.tenant_id AS TenantId, e.stream_id AS StreamId, e.version, e.event_type AS Type,
               (CASE WHEN e.event_type = 'inquiry.registered' THEN e.data || jsonb_build_object('number', i.number) ELSE e.data END)::text AS Data,
               e.created_at AS At, e.metadata->>'userName' AS UserName, e.metadata->>'correlationId' AS CorrelationId, e.archived
        FROM (SELECT *, false AS archived FROM events UNION ALL
              SELECT position, tenant_id, stream_id, stream_type, version, event_type, data, metadata, created_at, tx_id, true FROM archived_events) e
        LEFT JOIN inquiries i ON i.tenant_id = e.tenant_id AND i.inquiry_id = e.stream_id
        ORDER BY e.stream_id, e.version
        """;

    private const string MartenEventsSql = """
        SELECT tenant_id::uuid AS TenantId, stream_id AS StreamId, version, type, data::text AS Data, "timestamp" AS At,
               user_name AS UserName, correlation_id AS CorrelationId, is_archived AS Archived
        FROM es.mt_events ORDER BY stream_id, version
        """;

    private static async Task<List<string>> ReadModelTablesAsync(NpgsqlConnection owner) =>
        (await owner.QueryAsync<string>("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT table_name = ANY(@legacy) ORDER BY 1
            """, new { legacy = LegacyStoreTables })).ToList();

    /// <summary>Every row of every table as JSON, in a stable order (the owner sees every tenant's rows).</summary>
    private static async Task<Dictionary<string, List<string>>> SnapshotAsync(
        NpgsqlConnection owner, IEnumerable<string> tables, string where = "true", object? param = null)
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
            rows[table] = (await owner.QueryAsync<string>($"SELECT to_jsonb(t)::text FROM public.\"{table}\" t WHERE {where} ORDER BY 1", param)).ToList();
        return rows;
    }

    /// <summary>Privileges later migrations give existing roles: projects to the tenant admin (0014), orders (0017).</summary>
    private static readonly Dictionary<string, string[]> AddedByLaterMigrations = new()
    {
        ["tenant_admin"] = ["projects.configure", "projects.monitor", "orders.configure", "orders.manage"],
        ["project_manager"] = ["orders.configure", "orders.manage", "orders.work"],
        ["executor"] = ["orders.work"],
    };

    /// <summary>
    /// Rows as the migrations after the fixture's version mean to leave them: phones in E.164 as the app writes them
    /// (0012, checked against libphonenumber rather than the migration's own SQL) and roles with the privileges later
    /// modules brought (<see cref="AddedByLaterMigrations"/>; the migration stamps the time of the change, so that stamp is not compared).
    /// </summary>
    private static Dictionary<string, List<string>> AsRewrittenByLaterMigrations(Dictionary<string, List<string>> rows, bool expected)
    {
        var rewritten = new Dictionary<string, List<string>>(rows);
        rewritten["customers"] = Rewrite(rows["customers"], row =>
        {
            if (expected) row["phone"] = CustomerPhones.Normalize((string?)row["phone"]);
        });
        rewritten["role_privileges"] = Rewrite(rows["role_privileges"], row =>
        {
            if (!AddedByLaterMigrations.TryGetValue((string?)row["role_name"] ?? "", out var additions)) return;
            row.Remove("updated_at");
            if (!expected) return;
            var privileges = row["privileges"]!.AsArray();
            foreach (var added in additions)
                if (privileges.All(p => (string?)p != added)) privileges.Add(added);
        });
        return rewritten;

        static List<string> Rewrite(List<string> table, Action<JsonObject> change) =>
            table.Select(text => { var row = JsonNode.Parse(text)!.AsObject(); change(row); return row.ToJsonString(); }).ToList();
    }

    /// <summary>Names each table that differs with a few of its differing rows (a whole-snapshot message would be unreadable).</summary>
    private static void ShouldHaveSameRows(Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected)
    {
        var differences = expected.Keys.Union(actual.Keys).Order()
            .Select(table => (Table: table, missing: expected.GetValueOrDefault(table, []).Except(actual.GetValueOrDefault(table, [])).Take(3).ToList(),
                extra: actual.GetValueOrDefault(table, []).Except(expected.GetValueOrDefault(table, [])).Take(3).ToList()))
            .Where(d => d.missing.Count > 0 || d.extra.Count > 0 || expected.GetValueOrDefault(d.Table, []).Count != actual.GetValueOrDefault(d.Table, []).Count)
            .Select(d => $"{d.Table}: lost {string.Join("; ", d.missing)} | gained {string.Join("; ", d.extra)}")
            .ToList();
        differences.ShouldBeEmpty(string.Join("\n", differences));
    }

    private static async Task CatchUpAsync(LegacyApp app)
    {
        await app.StartAsync();
        var marten = app.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await marten.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(TimeSpan.FromSeconds(60));
        await daemon.StopAllAsync();
        var status = await app.Services.GetRequiredService<ProjectionAdmin>().StatusAsync();
        status.ShouldNotBeEmpty();
        status.ShouldAllBe(s => s.Lag == 0);
    }

    private sealed class SynchronousProgress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }

    /// <summary>The app over the restored earlier database; nothing runs at start (no migration, no workers).</summary>
    private sealed class LegacyApp() : KtpHost(RepositoryFiles.PathTo("tests/fixtures/legacy/schema-0008-demo.sql.gz"))
    {
        public static async Task<LegacyApp> RestoreAsync()
        {
            var app = new LegacyApp();
            await app.Database.InitializeAsync();
            return app;
        }

        private WebApplication? _unstarted;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Workers:Enabled", "false");
            builder.UseSetting("Database:MigrateOnStart", "false");
        }

        /// <summary>
        /// The migrator as <c>ktp migrate</c> gets it: from the app's composition root, built but not started
        /// (a started node expects the schema the migrator is about to create).
        /// </summary>
        public Migrator Migrator()
        {
            if (_unstarted is null)
            {
                var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
                builder.Configuration["ConnectionStrings:Ktp"] = Database.OwnerConnectionString;
                builder.Configuration["Workers:Enabled"] = "false";
                builder.AddKtp();
                _unstarted = builder.Build();
            }
            return _unstarted.Services.GetRequiredService<Migrator>();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_unstarted is not null) await _unstarted.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
