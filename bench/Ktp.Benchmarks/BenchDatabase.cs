using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ktp.Benchmarks;

public sealed record ServerSettings(
    string Version, string SynchronousCommit, string Fsync, string WalSyncMethod, string FullPageWrites,
    string CommitDelay, string SharedBuffers, string MaxConnections)
{
    /// <summary>Every value except "off" waits for the local WAL flush before COMMIT returns.</summary>
    public bool DurableCommits => SynchronousCommit != "off" && Fsync == "on";
}

public sealed record SeedStream(Guid TenantId, Guid StreamId, long Version);

/// <summary>A freshly created, migrated database with a few tenants; the app reaches it only through <see cref="KtpDatabase"/>.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const int TenantCount = 4;
    private const string Es = MartenEventStore.Schema;

    private BenchDatabase(DatabaseOptions options, IReadOnlyList<Guid> tenants)
    {
        Options = options;
        Db = new KtpDatabase(options);
        Tenants = tenants;
    }

    public DatabaseOptions Options { get; }
    public KtpDatabase Db { get; }
    public IReadOnlyList<Guid> Tenants { get; }

    /// <summary>Drops and recreates the database, runs the migrator and creates the tenant rows.</summary>
    public static async Task<BenchDatabase> CreateFreshAsync(string ownerConnectionString, string database, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(With(ownerConnectionString, "postgres", pooling: false)))
        {
            await admin.OpenAsync(ct);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        }
        var options = new DatabaseOptions { OwnerConnectionString = With(ownerConnectionString, database, pooling: true) };
        await new Migrator(options, NullLogger<Migrator>.Instance).MigrateAsync(ct: ct);

        var tenants = Enumerable.Range(1, TenantCount).Select(_ => Guid.NewGuid()).ToList();
        await using var owner = await OpenOwnerAsync(options, ct);
        foreach (var (tenant, i) in tenants.Select((t, i) => (t, i)))
        {
            await using var tx = await owner.BeginTransactionAsync(ct);
            await SetTenantAsync(owner, tx, tenant);
            await owner.ExecuteAsync("INSERT INTO tenants (tenant_id, slug, name) VALUES (@tenant, @slug, @name)",
                new { tenant, slug = $"bench-{i + 1}", name = $"Benchmark tenant {i + 1}" }, tx);
            await tx.CommitAsync(ct);
        }
        return new BenchDatabase(options, tenants);
    }

    public Task<NpgsqlConnection> OpenOwnerAsync(CancellationToken ct) => OpenOwnerAsync(Options, ct);

    /// <summary>Settings as seen by the app role inside a tenant's unit of work: that is where commits happen.</summary>
    public async Task<ServerSettings> ReadSettingsAsync(CancellationToken ct)
    {
        await using var uow = await Db.BeginTenantAsync(Tenants[0], ct);
        async Task<string> Show(string name) => (await uow.ExecuteScalarAsync<string>("SELECT current_setting(@name)", new { name }, ct: ct))!;
        return new ServerSettings(
            await Show("server_version"), await Show("synchronous_commit"), await Show("fsync"), await Show("wal_sync_method"),
            await Show("full_page_writes"), await Show("commit_delay"), await Show("shared_buffers"), await Show("max_connections"));
    }

    /// <summary>What <c>SHOW synchronous_commit</c> answers on the app role's connection.</summary>
    public async Task<string> ShowSynchronousCommitAsync(CancellationToken ct)
    {
        await using var uow = await Db.BeginTenantAsync(Tenants[0], ct);
        return (await uow.ExecuteScalarAsync<string>("SHOW synchronous_commit", ct: ct))!;
    }

    public async Task<long> CountEventsAsync(CancellationToken ct)
    {
        await using var owner = await OpenOwnerAsync(ct);
        return await owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Es}.mt_events");
    }

    /// <summary>Stored events and the highest sequence number: where the async daemon has caught up.</summary>
    public async Task<(long Events, long HighWater)> CountEventsAndHighWaterAsync(CancellationToken ct)
    {
        await using var owner = await OpenOwnerAsync(ct);
        return await owner.QuerySingleAsync<(long, long)>($"SELECT count(*), coalesce(max(seq_id), 0) FROM {Es}.mt_events");
    }

    /// <summary>A random sample of existing streams with their current versions, to append to with an exact expected version.</summary>
    public async Task<IReadOnlyList<SeedStream>> SampleStreamsAsync(int count, CancellationToken ct)
    {
        await using var owner = await OpenOwnerAsync(ct);
        var rows = await owner.QueryAsync<(string, Guid, long)>(
            $"SELECT tenant_id, id, version FROM {Es}.mt_streams ORDER BY random() LIMIT @count", new { count });
        return rows.Select(r => new SeedStream(Guid.Parse(r.Item1), r.Item2, r.Item3)).ToList();
    }

    /// <summary>
    /// Writes <paramref name="events"/> events straight into the store's tables as the owner, in transactions of
    /// <see cref="PreloadChunk"/> events (streams of <see cref="PreloadStreamLength"/>, tenants in turn), with the
    /// same names and JSON shapes the store writes, so projections read them like any other event.
    /// </summary>
    public async Task PreloadAsync(long events, int parallel, Action<long> progress, CancellationToken ct)
    {
        var chunks = (events + PreloadChunk - 1) / PreloadChunk;
        var next = -1L;
        var loaders = Enumerable.Range(0, parallel).Select(async _ =>
        {
            await using var owner = await OpenOwnerAsync(ct);
            long chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                var size = (int)Math.Min(PreloadChunk, events - chunk * PreloadChunk);
                var tenant = Tenants[(int)(chunk % Tenants.Count)];
                await using var tx = await owner.BeginTransactionAsync(ct);
                await SetTenantAsync(owner, tx, tenant);
                await owner.ExecuteAsync(PreloadSql, new
                {
                    tenant = MartenSessions.TenantKey(tenant),
                    opened = BenchEvents.Opened,
                    recorded = BenchEvents.Recorded,
                    openedDotnetType = BenchMarten.DotnetType(typeof(ItemOpened)),
                    recordedDotnetType = BenchMarten.DotnetType(typeof(ItemRecorded)),
                    perStream = PreloadStreamLength,
                    size,
                    streams = (size + PreloadStreamLength - 1) / PreloadStreamLength,
                }, tx, commandTimeout: 600);
                await tx.CommitAsync(ct);
                progress(size);
            }
        });
        await Task.WhenAll(loaders);
        await using (var owner = await OpenOwnerAsync(ct))
        {
            await owner.ExecuteAsync($"ANALYZE {Es}.mt_streams; ANALYZE {Es}.mt_events", commandTimeout: 600);
            // Start the measured phases without the preload's dirty pages pending (needs superuser or pg_checkpointer).
            try { await owner.ExecuteAsync("CHECKPOINT", commandTimeout: 600); } catch (PostgresException) { }
        }
    }

    public const int PreloadChunk = 20_000;
    public const int PreloadStreamLength = 100;

    /// <summary>
    /// Rows as Marten writes them for <c>EventStore.AppendAsync</c> (checked against appended rows): no stream type,
    /// stream <c>created</c> = <c>timestamp</c> = the first append's time, sequence numbers from
    /// <c>mt_events_sequence</c>, the event class in <c>mt_dotnet_type</c>, metadata in its own columns (no headers: no user id).
    /// </summary>
    private const string PreloadSql = $"""
        WITH s AS (
          INSERT INTO {Es}.mt_streams (tenant_id, id, type, version, "timestamp", created, is_archived)
          SELECT @tenant, gen_random_uuid(), NULL, least(@perStream, @size - (k - 1) * @perStream), now(), now(), false
          FROM generate_series(1, @streams) k
          RETURNING id, version)
        INSERT INTO {Es}.mt_events (seq_id, id, stream_id, version, data, type, "timestamp", tenant_id, mt_dotnet_type,
          correlation_id, causation_id, headers, user_name, is_archived)
        SELECT nextval('{Es}.mt_events_sequence'), gen_random_uuid(), s.id, v,
               CASE WHEN v = 1
                 THEN jsonb_build_object('itemId', s.id, 'title', 'Preloaded item ' || left(s.id::text, 8), 'category', 'bench')
                 ELSE jsonb_build_object('itemId', s.id, 'amount', v, 'note', 'recorded by the benchmark preload', 'at', now()) END,
               CASE WHEN v = 1 THEN @opened ELSE @recorded END,
               now(), @tenant,
               CASE WHEN v = 1 THEN @openedDotnetType ELSE @recordedDotnetType END,
               gen_random_uuid()::text, NULL, NULL, 'bench-preload', false
        FROM s, generate_series(1, s.version) v
        """;

    private static async Task SetTenantAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid tenant) =>
        await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @tenant, true)", new { tenant = tenant.ToString() }, tx);

    private static async Task<NpgsqlConnection> OpenOwnerAsync(DatabaseOptions options, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string With(string connectionString, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = pooling }.ConnectionString;

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
