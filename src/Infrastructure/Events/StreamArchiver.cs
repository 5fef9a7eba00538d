using Dapper;
using Ktp.Infrastructure.Database;
using Marten;

namespace Ktp.Infrastructure.Events;

public enum ArchiveResult { Archived, AlreadyArchived, NotFound, ProjectionsBehind }

/// <summary>
/// Archives a whole stream with Marten: reading it still works, appending is refused. A stream is
/// archived only once every async projection has passed all of its events, so none misses one.
/// </summary>
public sealed class StreamArchiver(KtpDatabase db, IDocumentStore marten, IEnumerable<Projections.IAsyncProjection> asyncProjections)
{
    public async Task<ArchiveResult> ArchiveAsync(Guid tenantId, Guid streamId, CancellationToken ct = default)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        await using var session = await MartenSessions.OpenAsync(marten, uow, tenantId, ct);
        var state = await session.Events.FetchStreamStateAsync(streamId, ct);
        if (state is null) return ArchiveResult.NotFound;
        if (state.IsArchived) return ArchiveResult.AlreadyArchived;
        if (await ProjectionsBehindAsync(uow, tenantId, streamId, ct)) return ArchiveResult.ProjectionsBehind;

        session.Events.ArchiveStream(streamId);
        await session.SaveChangesAsync(ct);
        await uow.CommitAsync(ct);
        return ArchiveResult.Archived;
    }

    private async Task<bool> ProjectionsBehindAsync(UnitOfWork uow, Guid tenantId, Guid streamId, CancellationToken ct)
    {
        var shards = asyncProjections.Select(p => Projections.AsyncProjections.ShardName(p.Name)).ToList();
        if (shards.Count == 0) return false;
        return await uow.Connection.ExecuteScalarAsync<bool>(new CommandDefinition($"""
            SELECT EXISTS (
              SELECT 1 FROM {MartenEventStore.Schema}.mt_events e
              WHERE e.tenant_id = @tenant AND e.stream_id = @streamId
                AND e.seq_id > coalesce((SELECT min(p.last_seq_id) FROM {MartenEventStore.Schema}.mt_event_progression p
                                         WHERE p.name = ANY(@shards) HAVING count(*) = @count), 0))
            """, new { tenant = MartenSessions.TenantKey(tenantId), streamId, shards = shards.ToArray(), count = shards.Count }, uow.Transaction, cancellationToken: ct));
    }
}
