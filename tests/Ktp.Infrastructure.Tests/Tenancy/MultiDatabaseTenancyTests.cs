using Dapper;
using JasperFx;
using JasperFx.MultiTenancy;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Testing;
using Marten;
using Npgsql;
using Weasel.Core.MultiTenancy;

namespace Ktp.Infrastructure.Tests.Tenancy;

public sealed record PlacedNoteTaken(string Text);

/// <summary>
/// ADR 0009: tenants spread over two real databases with Marten's sharded tenancy. Two databases are
/// created on the test cluster for each test and dropped after it (named ktp_t_* so that
/// './ktp test' sweeps them up should a run die first); the first also holds the registry.
/// </summary>
public sealed class MultiDatabaseTenancyTests : IAsyncLifetime
{
    // "a" sorts first: a placement that ignored the tenant counts would pick it.
    private const string DatabaseA = "a", DatabaseB = "b";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private string NameA => "ktp_t_mdb_" + _suffix + "_a";
    private string NameB => "ktp_t_mdb_" + _suffix + "_b";
    private string _connectionA = null!, _connectionB = null!;
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        await using (var admin = await OpenAsync(Connection("postgres")))
        {
            await admin.ExecuteAsync($"CREATE DATABASE \"{NameA}\"");
            await admin.ExecuteAsync($"CREATE DATABASE \"{NameB}\"");
        }
        _connectionA = Connection(NameA);
        _connectionB = Connection(NameB);
        _store = DocumentStore.For(opts =>
        {
            MartenEventStore.ConfigureSchema(opts, _connectionA);
            new EventTypeRegistry().Register<PlacedNoteTaken>("test.placed_note_taken").ConfigureMarten(opts);
            TenantPlacement.ConfigureDatabases(opts, _connectionA,
                new Dictionary<string, string> { [DatabaseA] = _connectionA, [DatabaseB] = _connectionB });
            // Fresh databases: Marten creates its schema here, as the migrator would in each database.
            opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        });
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAsync(Connection("postgres"));
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{NameA}\" WITH (FORCE)");
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{NameB}\" WITH (FORCE)");
    }

    [Fact]
    public async Task A_signed_up_tenant_lands_on_the_emptier_database_and_each_database_holds_only_its_own_tenants_events()
    {
        // Tenants already there: two on A, one on B.
        Guid onA1 = Guid.NewGuid(), onA2 = Guid.NewGuid(), onB1 = Guid.NewGuid(), newcomer = Guid.NewGuid();
        await _store.Advanced.AddTenantToShardAsync(Key(onA1), DatabaseA, default);
        await _store.Advanced.AddTenantToShardAsync(Key(onA2), DatabaseA, default);
        await _store.Advanced.AddTenantToShardAsync(Key(onB1), DatabaseB, default);

        var placement = new TenantPlacement(_store);
        (await placement.PlaceNewTenantAsync(newcomer)).ShouldBe(DatabaseB);
        (await placement.PlaceNewTenantAsync(newcomer)).ShouldBe(DatabaseB, "a retried sign-up stays where it was placed");
        var pool = (ITenantDatabasePool)_store.Options.Tenancy;
        (await pool.FindDatabaseForTenantAsync(Key(newcomer), default)).ShouldBe(DatabaseB);
        (await pool.ListDatabasesAsync(default)).OrderBy(d => d.DatabaseId).Select(d => (d.DatabaseId, d.TenantCount))
            .ShouldBe([(DatabaseA, 2), (DatabaseB, 2)]);

        var streams = new Dictionary<Guid, Guid>();
        foreach (var tenant in new[] { onA1, onA2, onB1, newcomer })
        {
            await using var session = _store.LightweightSession(Key(tenant));
            streams[tenant] = session.Events.StartStream(new PlacedNoteTaken("first of " + tenant), new PlacedNoteTaken("second of " + tenant)).Id;
            await session.SaveChangesAsync();
        }

        await using (var a = await OpenAsync(_connectionA))
        {
            (await EventsPerStreamAsync(a)).ShouldBe(Expected(streams, onA1, onA2));
            (await StreamsAsync(a)).ShouldBe(Expected(streams, onA1, onA2).Select(e => (e.Tenant, e.Stream)));
        }
        await using (var b = await OpenAsync(_connectionB))
        {
            (await EventsPerStreamAsync(b)).ShouldBe(Expected(streams, onB1, newcomer));
            (await StreamsAsync(b)).ShouldBe(Expected(streams, onB1, newcomer).Select(e => (e.Tenant, e.Stream)));
        }

        await using (var read = _store.QuerySession(Key(newcomer)))
        {
            var events = await read.Events.FetchStreamAsync(streams[newcomer]);
            events.Select(e => ((PlacedNoteTaken)e.Data).Text).ShouldBe(["first of " + newcomer, "second of " + newcomer]);
            events.ShouldAllBe(e => e.TenantId == Key(newcomer));
            (await read.Events.FetchStreamAsync(streams[onA1])).ShouldBeEmpty("another tenant's stream, in another database");
        }
        await using (var read = _store.QuerySession(Key(onA1)))
            (await read.Events.FetchStreamAsync(streams[onA1])).Select(e => ((PlacedNoteTaken)e.Data).Text)
                .ShouldBe(["first of " + onA1, "second of " + onA1]);
    }

    [Fact]
    public async Task A_tenant_nobody_placed_is_refused_not_placed_on_first_use()
    {
        var stranger = Key(Guid.NewGuid());
        await Should.ThrowAsync<UnknownTenantIdException>(async () => await _store.Options.Tenancy.GetTenantAsync(stranger));
        (await ((ITenantDatabasePool)_store.Options.Tenancy).FindDatabaseForTenantAsync(stranger, default)).ShouldBeNull();
    }

    private static string Key(Guid tenant) => MartenSessions.TenantKey(tenant);

    private static List<(string Tenant, Guid Stream, long Events)> Expected(Dictionary<Guid, Guid> streams, params Guid[] tenants) =>
        tenants.Select(t => (Key(t), streams[t], 2L)).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();

    private static async Task<List<(string Tenant, Guid Stream, long Events)>> EventsPerStreamAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<(string, Guid, long)>(
            $"SELECT tenant_id, stream_id, count(*) FROM {MartenEventStore.Schema}.mt_events GROUP BY tenant_id, stream_id ORDER BY tenant_id COLLATE \"C\"")).ToList();

    private static async Task<List<(string Tenant, Guid Stream)>> StreamsAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<(string, Guid)>(
            $"SELECT tenant_id, id FROM {MartenEventStore.Schema}.mt_streams ORDER BY tenant_id COLLATE \"C\"")).ToList();

    private static string Connection(string database) =>
        new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
