using Dapper;
using Ktp.Infrastructure.Database;
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
        async Task<string> Show(string name) => (await uow.ExecuteScalarAsync<string>("SELECT current_setting(@name)", new { name }))!;
        return new ServerSettings(
            await Show("server_version"), await Show("synchronous_commit"), await Show("fsync"), await Show("wal_sync_method"),
            await Show("full_page_writes"), await Show("commit_delay"), await Show("shared_buffers"), await Show("max_connections"));
    }

    /// <summary>What <c>SHOW synchronous_commit</c> answers on the app role's connection.</summary>
    public async Task<string> ShowSynchronousCommitAsync(CancellationToken ct)
    {
        await using var uow = await Db.BeginTenantAsync(Tenants[0], ct);
        return (await uow.ExecuteScalarAsync<string>("SHOW synchronous_commit"))!;
    }

    public async Task<long> CountEventsAsync(CancellationToken ct)
    {
        await using var owner = await OpenOwnerAsync(ct);
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM events");
    }

    /// <summary>A random sample of existing streams with their current versions, to append to with an exact expected version.</summary>
    public async Task<IReadOnlyList<SeedStream>> SampleStreamsAsync(int count, CancellationToken ct)
    {
        await using var owner = await OpenOwnerAsync(ct);
        var rows = await owner.QueryAsync<(Guid, Guid, long)>(
            "SELECT tenant_id, stream_id, version FROM streams ORDER BY random() LIMIT @count", new { count });
        return rows.Select(r => new SeedStream(r.Item1, r.Item2, r.Item3)).ToList();
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
                    tenant,
                    streamType = BenchEvents.StreamType,
                    opened = BenchEvents.Opened,
                    recorded = BenchEvents.Recorded,
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
            await owner.ExecuteAsync("ANALYZE streams; ANALYZE events", commandTimeout: 600);
            // Start the measured phases without the preload's dirty pages pending (needs superuser or pg_checkpointer).
            try { await owner.ExecuteAsync("CHECKPOINT", commandTimeout: 600); } catch (PostgresException) { }
        }
    }

    public const int PreloadChunk = 20_000;
    public const int PreloadStreamLength = 100;

    private const string PreloadSql = """
        WITH s AS (
          INSERT INTO streams (tenant_id, stream_id, stream_type, version)
          SELECT @tenant, gen_random_uuid(), @streamType, least(@perStream, @size - (k - 1) * @perStream)
          FROM generate_series(1, @streams) k
          RETURNING stream_id, version)
        INSERT INTO events (tenant_id, stream_id, stream_type, version, event_type, data, metadata)
        SELECT @tenant, s.stream_id, @streamType, v,
               CASE WHEN v = 1 THEN @opened ELSE @recorded END,
               CASE WHEN v = 1
                 THEN jsonb_build_object('itemId', s.stream_id, 'title', 'Preloaded item ' || left(s.stream_id::text, 8), 'category', 'bench')
                 ELSE jsonb_build_object('itemId', s.stream_id, 'amount', v, 'note', 'recorded by the benchmark preload', 'at', now()) END,
               jsonb_build_object('userName', 'bench-preload', 'correlationId', gen_random_uuid())
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
