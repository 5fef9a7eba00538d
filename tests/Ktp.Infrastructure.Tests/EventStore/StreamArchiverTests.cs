using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Testing;

namespace Ktp.Infrastructure.Tests.EventStore;

public sealed class StreamArchiverTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    private readonly Ktp.Infrastructure.Events.EventStore _store = TestEventTypes.Store();
    private KtpDatabase Db => fixture.Database.Db;

    private async Task<(Guid Tenant, Guid Stream)> StreamWithEventsAsync()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var stream = Guid.NewGuid();
        await using var uow = await Db.BeginTenantAsync(tenant);
        await _store.AppendAsync(uow, stream, "counter", 0, [new CounterOpened("old"), new CounterIncremented(3)], EventMetadata.System);
        await uow.CommitAsync();
        return (tenant, stream);
    }

    [Fact]
    public async Task An_archived_stream_leaves_the_hot_table_stays_readable_and_refuses_changes()
    {
        var (tenant, stream) = await StreamWithEventsAsync();

        (await new StreamArchiver(Db, TestEventTypes.Marten(), []).ArchiveAsync(tenant, stream)).ShouldBe(ArchiveResult.Archived);

        await using var uow = await Db.BeginTenantAsync(tenant);
        (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @stream AND NOT is_archived", new { stream })).ShouldBe(0);
        (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @stream AND is_archived", new { stream })).ShouldBe(2);
        var events = await _store.ReadStreamAsync(uow, stream);
        events.Select(e => e.Data).ShouldBe([new CounterOpened("old"), new CounterIncremented(3)]);
        await Should.ThrowAsync<StreamArchivedException>(() =>
            _store.AppendAsync(uow, stream, "counter", 2, [new CounterIncremented(1)], EventMetadata.System));
        (await new StreamArchiver(Db, TestEventTypes.Marten(), []).ArchiveAsync(tenant, stream)).ShouldBe(ArchiveResult.AlreadyArchived);
    }

    [Fact]
    public async Task A_stream_is_archived_only_once_every_async_projection_has_read_it()
    {
        var (tenant, stream) = await StreamWithEventsAsync();
        var slow = new Ktp.Infrastructure.Tests.Projections.RecordingProjection("slow_" + Guid.NewGuid().ToString("N"));
        var archiver = new StreamArchiver(Db, TestEventTypes.Marten(), [slow]);

        (await archiver.ArchiveAsync(tenant, stream)).ShouldBe(ArchiveResult.ProjectionsBehind);
        await using (var uow = await Db.BeginTenantAsync(tenant))
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @stream AND NOT is_archived", new { stream })).ShouldBe(2);

        await using (var owner = fixture.Database.OpenOwner())
            await owner.ExecuteAsync("""
                INSERT INTO es.mt_event_progression (name, last_seq_id, last_updated)
                SELECT @name, max(seq_id), now() FROM es.mt_events
                """, new { name = Ktp.Infrastructure.Projections.AsyncProjections.ShardName(slow.Name) });
        (await archiver.ArchiveAsync(tenant, stream)).ShouldBe(ArchiveResult.Archived);
    }

    [Fact]
    public async Task Archiving_an_unknown_stream_says_so()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        (await new StreamArchiver(Db, TestEventTypes.Marten(), []).ArchiveAsync(tenant, Guid.NewGuid())).ShouldBe(ArchiveResult.NotFound);
    }
}
