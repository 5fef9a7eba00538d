using System.Diagnostics;
using System.Text.Json;
using Ktp.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Ktp.Infrastructure.EventStore;

/// <summary>
/// Appends and reads event streams. An append is one statement inside the caller's unit of work:
/// the stream row's version moves from the expected one to the new one and the events are inserted
/// only if it did, so a stale writer inserts nothing. Inline projections run in the same transaction.
/// </summary>
public sealed class EventStore(EventTypeRegistry types, IEnumerable<IInlineProjection> inlineProjections, EventStoreSignal signal)
{
    /// <summary>Expected version meaning "the stream must not exist yet".</summary>
    public const long NoStream = 0;

    private readonly ILookup<string, IInlineProjection> _inline = inlineProjections.ToLookup(p => p.StreamType);
    private readonly EventStreamReader _reader = new(types);

    public EventTypeRegistry Types => types;

    /// <param name="expectedVersion">The version the caller decided on; <see cref="NoStream"/> for a new stream; null to append whatever the version is.</param>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        UnitOfWork uow, Guid streamId, string streamType, long? expectedVersion,
        IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        var tenantId = uow.TenantId ?? throw new InvalidOperationException("Events are appended inside a tenant's unit of work.");
        if (events.Count == 0) return [];
        var started = Stopwatch.GetTimestamp();

        var names = new string[events.Count];
        var payloads = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            names[i] = types.NameOf(events[i]);
            payloads[i] = types.Serialize(events[i]);
        }
        var metadataJson = JsonSerializer.Serialize(metadata, EventTypeRegistry.Json);

        var sql = StreamVersionSql(expectedVersion) + """
            INSERT INTO events (stream_id, stream_type, version, event_type, data, metadata)
            SELECT $1, $2, s.version - $3 + e.ord, e.name, e.data::jsonb, $6::jsonb
            FROM s, unnest($4::text[], $5::text[]) WITH ORDINALITY AS e(name, data, ord)
            RETURNING position, version, created_at, tx_id::text
            """;
        await using var cmd = new NpgsqlCommand(sql, uow.Connection, uow.Transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamType });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (long)events.Count });
        cmd.Parameters.Add(new NpgsqlParameter { Value = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = metadataJson });
        if (expectedVersion is > 0) cmd.Parameters.Add(new NpgsqlParameter { Value = expectedVersion.Value });

        var stored = new List<StoredEvent>(events.Count);
        try
        {
            // Prepared once per physical connection (it survives returns to the pool): the server then skips
            // parsing and planning this statement on every append.
            await cmd.PrepareAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var i = stored.Count;
                stored.Add(new StoredEvent(reader.GetInt64(0), tenantId, streamId, streamType, reader.GetInt64(1),
                    names[i], events[i], metadata, reader.GetFieldValue<DateTimeOffset>(2), ulong.Parse(reader.GetString(3))));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConcurrencyException(streamId, expectedVersion, null);
        }
        if (stored.Count == 0)
        {
            if (await IsArchivedAsync(uow, streamId, ct)) throw new StreamArchivedException(streamId);
            throw new ConcurrencyException(streamId, expectedVersion, await CurrentVersionAsync(uow, streamId, ct));
        }

        foreach (var projection in _inline[streamType]) await projection.ApplyAsync(uow, stored, ct);
        uow.AfterCommit(() => { signal.Notify(); return Task.CompletedTask; });
        Observability.KtpMetrics.RecordAppend(events.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return stored;
    }

    private static string StreamVersionSql(long? expectedVersion) => expectedVersion switch
    {
        null => """
            WITH s AS (
              INSERT INTO streams AS st (stream_id, stream_type, version) VALUES ($1, $2, $3)
              ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = st.version + $3, updated_at = now()
              WHERE NOT st.archived
              RETURNING version)
            """,
        NoStream => """
            WITH s AS (
              INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, $2, $3) RETURNING version)
            """,
        < 0 => throw new ArgumentOutOfRangeException(nameof(expectedVersion)),
        _ => """
            WITH s AS (
              UPDATE streams SET version = version + $3, updated_at = now()
              WHERE stream_id = $1 AND version = $7 AND NOT archived
              RETURNING version)
            """,
    };

    public async Task<long?> CurrentVersionAsync(UnitOfWork uow, Guid streamId, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand("SELECT version FROM streams WHERE stream_id = $1", uow.Connection, uow.Transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await cmd.ExecuteScalarAsync(ct) is long v ? v : null;
    }

    private static async Task<bool> IsArchivedAsync(UnitOfWork uow, Guid streamId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT archived FROM streams WHERE stream_id = $1", uow.Connection, uow.Transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// Events of one stream in order, from the hot table or the archive.
    /// <paramref name="asOf"/> returns only what had been recorded by that moment (time travel).
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(UnitOfWork uow, Guid streamId, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        _reader.ReadStreamAsync(uow, streamId, asOf, ct);

    /// <summary>Reads one row selected with the column order used throughout the store.</summary>
    public StoredEvent ReadEvent(NpgsqlDataReader reader) => _reader.ReadEvent(reader);
}
