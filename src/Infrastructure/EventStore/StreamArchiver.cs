using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.EventStore;

public enum ArchiveResult { Archived, AlreadyArchived, NotFound, ProjectionsBehind }

/// <summary>
/// Moves a whole stream out of the hot <c>events</c> table into <c>archived_events</c>. Reading the
/// stream still works; appending to it is refused. A stream is moved only once every projection has
/// passed all of its events, so no projection ever misses one.
/// </summary>
public sealed class StreamArchiver(KtpDatabase db)
{
    public async Task<ArchiveResult> ArchiveAsync(Guid tenantId, Guid streamId, CancellationToken ct = default)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        var archived = await uow.QuerySingleOrDefaultAsync<bool?>(
            "SELECT archived FROM streams WHERE tenant_id = @tenantId AND stream_id = @streamId FOR UPDATE", new { tenantId, streamId });
        if (archived is null) return ArchiveResult.NotFound;
        if (archived.Value) return ArchiveResult.AlreadyArchived;

        var behind = await uow.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (
              SELECT 1 FROM events e, projection_checkpoints c
              WHERE e.tenant_id = @tenantId AND e.stream_id = @streamId AND (e.tx_id, e.position) > (c.last_tx_id, c.last_position))
            """, new { tenantId, streamId });
        if (behind) return ArchiveResult.ProjectionsBehind;

        await uow.ExecuteAsync("""
            WITH moved AS (DELETE FROM events WHERE tenant_id = @tenantId AND stream_id = @streamId RETURNING *)
            INSERT INTO archived_events (position, tenant_id, stream_id, stream_type, version, event_type, data, metadata, created_at, tx_id)
            SELECT position, tenant_id, stream_id, stream_type, version, event_type, data, metadata, created_at, tx_id FROM moved;
            UPDATE streams SET archived = true, updated_at = now() WHERE tenant_id = @tenantId AND stream_id = @streamId;
            """, new { tenantId, streamId });
        await uow.CommitAsync(ct);
        return ArchiveResult.Archived;
    }
}
