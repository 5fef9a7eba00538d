using Dapper;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projections;
using Ktp.Infrastructure.Tests.EventStore;
using Ktp.Testing;
using Marten;

namespace Ktp.Infrastructure.Tests.Projections;

/// <summary>Marten's async daemon, run as the system role, over events appended by the app role.</summary>
public sealed class ProjectionDaemonTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly RecordingProjection _projection = new();
    private IDocumentStore _marten = null!;
    private Ktp.Infrastructure.Events.EventStore _store = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using (var owner = _database.OpenOwner()) await owner.ExecuteAsync(RecordingProjection.CreateTableSql);
        _marten = TestEventTypes.Marten(_database, projections: _projection);
        _store = new Ktp.Infrastructure.Events.EventStore(_marten, TestEventTypes.Registry(), []);
        _tenant = await _database.CreateTenantRowAsync();
    }

    public async Task DisposeAsync()
    {
        _marten.Dispose();
        await _database.DisposeAsync();
    }

    private async Task AppendAsync(Guid stream, long? expected, params object[] events)
    {
        await using var uow = await _database.Db.BeginTenantAsync(_tenant);
        await _store.AppendAsync(uow, stream, "counter", expected, events, EventMetadata.System);
        await uow.CommitAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_event_committed_late_by_a_long_transaction_is_still_applied_exactly_once()
    {
        using var daemon = await _marten.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();

        await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("before"));
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 1, "the first event");

        // A long transaction takes its sequence number first ...
        await using var longTx = await _database.Db.BeginTenantAsync(_tenant);
        var early = await _store.AppendAsync(longTx, Guid.NewGuid(), "counter", 0, [new CounterOpened("slow")], EventMetadata.System);

        // ... later transactions commit before it, and it stays open past the daemon's gap threshold (3 s).
        for (var i = 0; i < 5; i++) await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("fast " + i));
        await Task.Delay(TimeSpan.FromSeconds(5));
        (await RecordingProjection.SeenAsync(_database)).ShouldNotContain(s => s.Position == early[0].Position);

        await longTx.CommitAsync();
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 7, "all seven events");
        await daemon.StopAllAsync();

        var seen = await RecordingProjection.SeenAsync(_database);
        seen.Count.ShouldBe(7);
        seen.ShouldAllBe(s => s.Times == 1);
        seen.ShouldContain(s => s.Position == early[0].Position);
    }

    [Fact]
    public async Task Rebuild_produces_the_same_read_model()
    {
        var streams = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        foreach (var stream in streams) await AppendAsync(stream, 0, new CounterOpened("s"));
        for (var i = 0; i < 120; i++) await AppendAsync(streams[i % 10], null, new CounterIncremented(i));

        using (var daemon = await _marten.BuildProjectionDaemonAsync())
        {
            await daemon.StartAllAsync();
            await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 130, "130 events");
            await daemon.StopAllAsync();
        }
        var before = await RecordingProjection.SeenAsync(_database);

        var admin = new ProjectionAdmin(_marten, [_projection]);
        await admin.RebuildAsync(_projection.Name);

        var after = await RecordingProjection.SeenAsync(_database);
        after.ShouldBe(before);
        after.ShouldAllBe(s => s.Times == 1);
        (await admin.StatusAsync()).Single().Lag.ShouldBe(0);
    }
}
