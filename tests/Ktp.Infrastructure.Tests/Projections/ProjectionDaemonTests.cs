using Dapper;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;
using Ktp.Infrastructure.Tests.EventStore;
using Ktp.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ktp.Infrastructure.Tests.Projections;

public sealed class ProjectionDaemonTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly EventStoreSignal _signal = new();
    private Ktp.Infrastructure.EventStore.EventStore _store = null!;
    private Guid _tenant;

    private static readonly ProjectionOptions Fast = new()
    {
        BatchSize = 50,
        PollInterval = TimeSpan.FromMilliseconds(20),
        StandbyRetry = TimeSpan.FromMilliseconds(50),
        LagInterval = TimeSpan.FromMilliseconds(50),
    };

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using (var owner = _database.OpenOwner()) await owner.ExecuteAsync(RecordingProjection.CreateTableSql);
        _store = new Ktp.Infrastructure.EventStore.EventStore(TestEventTypes.Registry(), [], _signal);
        _tenant = await _database.CreateTenantRowAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private ProjectionRunner Runner(IAsyncProjection projection) =>
        new(projection, _database.Db, _store, _signal, Fast, NullLogger.Instance);

    private async Task AppendAsync(Guid stream, long? expected, params object[] events)
    {
        await using var uow = await _database.Db.BeginTenantAsync(_tenant);
        await _store.AppendAsync(uow, stream, "counter", expected, events, EventMetadata.System);
        await uow.CommitAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task An_event_committed_late_by_a_long_transaction_is_still_applied_exactly_once()
    {
        var projection = new RecordingProjection();
        using var cts = new CancellationTokenSource();
        var run = Runner(projection).RunAsync(cts.Token);

        await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("before"));
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 1, "the first event");

        // A long transaction reserves its position (and transaction id) first ...
        await using var longTx = await _database.Db.BeginTenantAsync(_tenant);
        var early = await _store.AppendAsync(longTx, Guid.NewGuid(), "counter", 0, [new CounterOpened("slow")], EventMetadata.System);

        // ... later transactions commit before it.
        for (var i = 0; i < 5; i++) await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("fast " + i));
        await Task.Delay(300);
        var seenWhileOpen = await RecordingProjection.SeenAsync(_database);
        seenWhileOpen.ShouldNotContain(s => s.Position == early[0].Position);

        await longTx.CommitAsync();
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 7, "all seven events");
        await Task.Delay(200);
        await cts.CancelAsync();
        await run;

        var seen = await RecordingProjection.SeenAsync(_database);
        seen.Count.ShouldBe(7);
        seen.ShouldAllBe(s => s.Times == 1);
        seen.ShouldContain(s => s.Position == early[0].Position);
    }

    [Fact]
    public async Task Two_daemons_never_process_the_same_projection_at_once()
    {
        var projection = new RecordingProjection { ApplyDelay = TimeSpan.FromMilliseconds(5) };
        var first = Runner(projection);
        var second = Runner(projection);
        using var cts = new CancellationTokenSource();
        var runs = new[] { first.RunAsync(cts.Token), second.RunAsync(cts.Token) };

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++) await AppendAsync(Guid.NewGuid(), 0, new CounterOpened($"w{w}-{i}"));
        }));
        await Task.WhenAll(writers);
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 200, "200 events");

        new[] { first.State, second.State }.Count(s => s == ProjectionState.Leader).ShouldBe(1);
        projection.MaxConcurrentApplies.ShouldBe(1);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
        (await RecordingProjection.SeenAsync(_database)).ShouldAllBe(s => s.Times == 1);
    }

    [Fact]
    public async Task When_the_leader_stops_the_standby_takes_over_without_losing_events()
    {
        var projection = new RecordingProjection();
        using var firstCts = new CancellationTokenSource();
        using var secondCts = new CancellationTokenSource();
        var first = Runner(projection);
        var firstRun = first.RunAsync(firstCts.Token);
        await WaitUntilAsync(() => Task.FromResult(first.State == ProjectionState.Leader), "first leader");
        var second = Runner(projection);
        var secondRun = second.RunAsync(secondCts.Token);

        for (var i = 0; i < 20; i++) await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("a" + i));
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 20, "20 events");
        second.State.ShouldBe(ProjectionState.Standby);

        await firstCts.CancelAsync();
        await firstRun;
        for (var i = 0; i < 20; i++) await AppendAsync(Guid.NewGuid(), 0, new CounterOpened("b" + i));
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 40, "40 events");
        second.State.ShouldBe(ProjectionState.Leader);
        await secondCts.CancelAsync();
        await secondRun;
        (await RecordingProjection.SeenAsync(_database)).ShouldAllBe(s => s.Times == 1);
    }

    [Fact]
    public async Task Rebuild_produces_the_same_read_model()
    {
        var projection = new RecordingProjection();
        var streams = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        foreach (var stream in streams) await AppendAsync(stream, 0, new CounterOpened("s"));
        for (var i = 0; i < 120; i++) await AppendAsync(streams[i % 10], null, new CounterIncremented(i));

        using var cts = new CancellationTokenSource();
        var runner = Runner(projection);
        var run = runner.RunAsync(cts.Token);
        await WaitUntilAsync(async () => (await RecordingProjection.SeenAsync(_database)).Count == 130, "130 events");
        var before = await RecordingProjection.SeenAsync(_database);

        var admin = new ProjectionAdmin(_database.Db);
        await admin.RequestRebuildAsync(projection.Name);
        await WaitUntilAsync(async () =>
        {
            var status = (await admin.StatusAsync()).Single(s => s.Name == projection.Name);
            return !status.RebuildRequested && status.RebuildTotal == 130 && status.EventsProcessed == 130;
        }, "the rebuild to finish");
        await cts.CancelAsync();
        await run;

        var after = await RecordingProjection.SeenAsync(_database);
        after.ShouldBe(before);
        after.ShouldAllBe(s => s.Times == 1);
    }
}
