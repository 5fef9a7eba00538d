using JasperFx.Events;
using Ktp.Infrastructure.Database;
using Marten;

namespace Ktp.Infrastructure.Events;

/// <summary>Reads streams back (live or archived), upcast to current shapes. Inline projections that need a stream's whole history use it.</summary>
public sealed class EventStreamReader(IDocumentStore marten, EventTypeRegistry types)
{
    /// <summary>
    /// Events of one stream in order, live or archived.
    /// <paramref name="asOf"/> returns only what had been recorded by that moment (time travel).
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        UnitOfWork uow, Guid streamId, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        await using var session = await MartenSessions.OpenAsync(marten, uow, ct: ct);
        try
        {
            var events = await session.Events.FetchStreamAsync(streamId, timestamp: asOf, token: ct);
            if (events.Count == 0)
            {
                // Marten leaves archived streams out of FetchStream; they stay readable through the raw events.
                var archived = await session.Events.QueryAllRawEvents()
                    .Where(e => e.StreamId == streamId && e.IsArchived).OrderBy(e => e.Version).ToListAsync(ct);
                events = asOf is { } moment ? archived.Where(e => e.Timestamp <= moment).ToList() : archived;
            }
            return events.Select(e => ToStored(e, uow.TenantId ?? Guid.Empty)).ToList();
        }
        catch (Exception e) when (e is Marten.Exceptions.UnknownEventTypeException or InvalidCastException)
        {
            throw new UnknownEventTypeException(await FirstUnknownTypeAsync(uow, streamId, ct) ?? "(unknown)");
        }
    }

    public async Task<long?> CurrentVersionAsync(UnitOfWork uow, Guid streamId, CancellationToken ct = default)
    {
        await using var session = await MartenSessions.OpenAsync(marten, uow, ct: ct);
        var state = await session.Events.FetchStreamStateAsync(streamId, ct);
        return state?.Version;
    }

    public StoredEvent ToStored(IEvent e, Guid tenantId) => new(
        e.Sequence, Guid.TryParse(e.TenantId, out var t) ? t : tenantId, e.StreamId, e.Version, types.NameOf(e.Data), e.Data,
        MetadataOf(e), e.Timestamp);

    private static EventMetadata MetadataOf(IEvent e) => new(
        UserId: Header(e, EventMetadata.UserIdHeader) is { } id && Guid.TryParse(id, out var userId) ? userId : null,
        UserName: e.UserName,
        CorrelationId: Guid.TryParse(e.CorrelationId, out var correlation) ? correlation : null,
        CausationId: Guid.TryParse(e.CausationId, out var causation) ? causation : null,
        ClientIp: Header(e, EventMetadata.ClientIpHeader));

    private static string? Header(IEvent e, string key) =>
        e.Headers is { } headers && headers.TryGetValue(key, out var value) ? value?.ToString() : null;

    private async Task<string?> FirstUnknownTypeAsync(UnitOfWork uow, Guid streamId, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand($"SELECT DISTINCT type FROM {MartenEventStore.Schema}.mt_events WHERE stream_id = $1",
            await uow.ReadyAsync(ct), uow.Transaction);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = streamId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (!types.IsRegistered(reader.GetString(0))) return reader.GetString(0);
        return null;
    }
}
