using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Testing;

namespace Ktp.Infrastructure.Tests.EventStore;

public sealed class EventStoreTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    private readonly Ktp.Infrastructure.Events.EventStore _store = TestEventTypes.Store();
    private KtpDatabase Db => fixture.Database.Db;

    [Fact]
    public async Task Appended_events_read_back_in_order_with_metadata()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", Ktp.Infrastructure.Events.EventStore.NoStream,
                [new CounterOpened("calls"), new CounterIncremented(2)], new EventMetadata(UserName: "ann", CorrelationId: correlation));
            await uow.CommitAsync();
        }
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", 2, [new CounterIncremented(5)], new EventMetadata(UserName: "bob"));
            await uow.CommitAsync();
        }

        await using var read = await Db.BeginTenantAsync(tenant);
        var events = await _store.ReadStreamAsync(read, stream);
        events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        events[0].Data.ShouldBe(new CounterOpened("calls"));
        events[2].Data.ShouldBe(new CounterIncremented(5));
        events[0].EventType.ShouldBe("test.counter_opened");
        events[0].Metadata.CorrelationId.ShouldBe(correlation);
        events[2].Metadata.UserName.ShouldBe("bob");
        (await _store.CurrentVersionAsync(read, stream)).ShouldBe(3);
    }

    [Fact]
    public async Task Eight_concurrent_writers_write_each_version_exactly_once()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", 0, [new CounterOpened("race")], EventMetadata.System);
            await uow.CommitAsync();
        }

        var conflicts = 0;
        var wins = 0;
        using var start = new Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                await using var uow = await Db.BeginTenantAsync(tenant);
                var version = (await _store.CurrentVersionAsync(uow, stream))!.Value;
                if (round == 0) start.SignalAndWait();
                try
                {
                    await _store.AppendAsync(uow, stream, "counter", version, [new CounterIncremented(writer)], EventMetadata.System);
                    await uow.CommitAsync();
                    Interlocked.Increment(ref wins);
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);

        conflicts.ShouldBeGreaterThan(0, "eight writers on one stream must collide");
        (wins + conflicts).ShouldBe(80);
        await using var read = await Db.BeginTenantAsync(tenant);
        var versions = (await _store.ReadStreamAsync(read, stream)).Select(e => e.Version).ToList();
        versions.ShouldBe(Enumerable.Range(1, wins + 1).Select(v => (long)v).ToList());
        (await _store.CurrentVersionAsync(read, stream)).ShouldBe(wins + 1);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5L)]
    public async Task Wrong_expected_version_is_a_concurrency_error_and_writes_nothing(long expected)
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", 0, [new CounterOpened("x"), new CounterIncremented(1), new CounterIncremented(1)], EventMetadata.System);
            await uow.CommitAsync();
        }

        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            var error = await Should.ThrowAsync<ConcurrencyException>(() =>
                _store.AppendAsync(uow, stream, "counter", expected, [new CounterIncremented(9)], EventMetadata.System));
            error.StreamId.ShouldBe(stream);
        }

        await using var read = await Db.BeginTenantAsync(tenant);
        (await _store.ReadStreamAsync(read, stream)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Appending_with_any_version_continues_the_stream()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await using var uow = await Db.BeginTenantAsync(tenant);
            await _store.AppendAsync(uow, stream, "counter", null, [new CounterIncremented(i), new CounterIncremented(i)], EventMetadata.System);
            await uow.CommitAsync();
        }
        await using var read = await Db.BeginTenantAsync(tenant);
        (await _store.ReadStreamAsync(read, stream)).Select(e => e.Version).ShouldBe([1L, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public async Task Unregistered_event_class_is_refused_before_writing()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using var uow = await Db.BeginTenantAsync(tenant);
        await Should.ThrowAsync<InvalidOperationException>(() =>
            _store.AppendAsync(uow, Guid.NewGuid(), "counter", 0, [new { Anonymous = 1 }], EventMetadata.System));
    }

    [Fact]
    public async Task Unknown_event_type_in_the_store_is_a_clear_error()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using (var owner = fixture.Database.OpenOwner())
            await owner.ExecuteAsync("""
                INSERT INTO es.mt_streams (tenant_id, id, version) VALUES (@tenant::text, @stream, 1);
                INSERT INTO es.mt_events (seq_id, id, tenant_id, stream_id, version, type, data, "timestamp")
                VALUES (nextval('es.mt_events_sequence'), gen_random_uuid(), @tenant::text, @stream, 1, 'test.from_the_future', '{}', now());
                """, new { tenant, stream });

        await using var read = await Db.BeginTenantAsync(tenant);
        var error = await Should.ThrowAsync<UnknownEventTypeException>(() => _store.ReadStreamAsync(read, stream));
        error.Message.ShouldContain("test.from_the_future");
    }

    [Fact]
    public async Task Old_event_shapes_are_upcast_when_read()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using (var owner = fixture.Database.OpenOwner())
            await owner.ExecuteAsync("""
                INSERT INTO es.mt_streams (tenant_id, id, version) VALUES (@tenant::text, @stream, 1);
                INSERT INTO es.mt_events (seq_id, id, tenant_id, stream_id, version, type, data, "timestamp")
                VALUES (nextval('es.mt_events_sequence'), gen_random_uuid(), @tenant::text, @stream, 1, 'test.counter_named_v1', '{"name":"old"}', now());
                """, new { tenant, stream });

        var registry = TestEventTypes.Registry().AddUpcaster<CounterRenamed>("test.counter_named_v1",
            old => new System.Text.Json.Nodes.JsonObject { ["newTitle"] = old["name"]!.GetValue<string>() + " (v1)" });
        var store = new Ktp.Infrastructure.Events.EventStore(TestEventTypes.Marten(registry: registry), registry, []);

        await using var read = await Db.BeginTenantAsync(tenant);
        var events = await store.ReadStreamAsync(read, stream);
        events.Single().Data.ShouldBe(new CounterRenamed("old (v1)"));
        events.Single().EventType.ShouldBe("test.counter_renamed");
    }

    [Fact]
    public async Task Reading_as_of_a_moment_returns_only_earlier_events()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", 0, [new CounterOpened("t")], EventMetadata.System);
            await uow.CommitAsync();
        }
        await Task.Delay(50);
        DateTimeOffset between;
        await using (var uow = await Db.BeginTenantAsync(tenant))
            between = await uow.QuerySingleAsync<DateTime>("SELECT clock_timestamp()");
        await Task.Delay(50);
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await _store.AppendAsync(uow, stream, "counter", 1, [new CounterIncremented(1)], EventMetadata.System);
            await uow.CommitAsync();
        }

        await using var read = await Db.BeginTenantAsync(tenant);
        (await _store.ReadStreamAsync(read, stream, asOf: between)).Count.ShouldBe(1);
        (await _store.ReadStreamAsync(read, stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Inline_projection_runs_in_the_append_transaction()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var inline = new RecordingInlineProjection();
        var store = TestEventTypes.Store(inline);
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await store.AppendAsync(uow, Guid.NewGuid(), "counter", 0, [new CounterOpened("a")], EventMetadata.System);
            inline.SeenInTransaction.ShouldBe(1);
            // not committed: rolled back on dispose, together with the events
        }
        await using var read = await Db.BeginTenantAsync(tenant);
        (await read.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(0);
    }

    private sealed class RecordingInlineProjection : IInlineProjection
    {
        public int SeenInTransaction { get; private set; }
        public string StreamType => "counter";

        public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
            SeenInTransaction = (int)(await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events", ct: ct));
    }
}
