using System.Diagnostics;
using JasperFx.Events;
using Ktp.Infrastructure.Database;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// Appends and reads event streams in Marten, inside the caller's unit of work: a stale writer is
/// refused with <see cref="ConcurrencyException"/>, and the inline projections of the stream type run
/// in the same transaction.
/// </summary>
public sealed class EventStore(IDocumentStore marten, EventTypeRegistry types, IEnumerable<IInlineProjection> inlineProjections)
{
    /// <summary>Expected version meaning "the stream must not exist yet".</summary>
    public const long NoStream = 0;

    private readonly ILookup<string, IInlineProjection> _inline = inlineProjections.ToLookup(p => p.StreamType);
    private readonly EventStreamReader _reader = new(marten, types);

    /// <param name="expectedVersion">The version the caller decided on; <see cref="NoStream"/> for a new stream; null to append whatever the version is.</param>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        UnitOfWork uow, Guid streamId, string streamType, long? expectedVersion,
        IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        var tenantId = uow.TenantId ?? throw new InvalidOperationException("Events are appended inside a tenant's unit of work.");
        if (events.Count == 0) return [];
        if (expectedVersion < 0) throw new ArgumentOutOfRangeException(nameof(expectedVersion));
        foreach (var e in events) types.NameOf(e); // refuses an unregistered class before anything is written
        var started = Stopwatch.GetTimestamp();

        await using var session = MartenSessions.OpenForWriting(marten, uow);
        Describe(session, metadata);
        var action = expectedVersion switch
        {
            NoStream => session.Events.StartStream(streamId, events.ToArray()),
            null => session.Events.Append(streamId, events.ToArray()),
            var v => session.Events.Append(streamId, v.Value + events.Count, events.ToArray()),
        };
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConflict(e))
        {
            throw new ConcurrencyException(streamId, expectedVersion, null);
        }
        catch (Exception e) when (IsArchivedStream(e))
        {
            throw new StreamArchivedException(streamId);
        }

        var stored = action.Events.Select(e => _reader.ToStored(e, tenantId)).ToList();
        foreach (var projection in _inline[streamType]) await projection.ApplyAsync(uow, stored, ct);
        Observability.KtpMetrics.RecordAppend(events.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return stored;
    }

    private static void Describe(IDocumentSession session, EventMetadata metadata)
    {
        session.LastModifiedBy = metadata.UserName;
        session.CorrelationId = metadata.CorrelationId?.ToString();
        session.CausationId = metadata.CausationId?.ToString();
        if (metadata.UserId is { } userId) session.SetHeader(EventMetadata.UserIdHeader, userId.ToString());
        if (metadata.ClientIp is { } ip) session.SetHeader(EventMetadata.ClientIpHeader, ip);
    }

    private static bool IsConflict(Exception e) => e
        is EventStreamUnexpectedMaxEventIdException
        or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static bool IsArchivedStream(Exception e) =>
        e is InvalidStreamOperationException || e.Message.Contains("archived stream", StringComparison.OrdinalIgnoreCase)
        || (e.InnerException is { } inner && IsArchivedStream(inner));

    public Task<long?> CurrentVersionAsync(UnitOfWork uow, Guid streamId, CancellationToken ct = default) =>
        _reader.CurrentVersionAsync(uow, streamId, ct);

    /// <summary>
    /// Events of one stream in order, live or archived.
    /// <paramref name="asOf"/> returns only what had been recorded by that moment (time travel).
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(UnitOfWork uow, Guid streamId, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        _reader.ReadStreamAsync(uow, streamId, asOf, ct);
}
