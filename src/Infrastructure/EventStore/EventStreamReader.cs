using System.Text.Json;
using Ktp.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Ktp.Infrastructure.EventStore;

/// <summary>Reads streams back (hot table and archive), upcast to current shapes. Inline projections that need a stream's whole history use it.</summary>
public sealed class EventStreamReader(EventTypeRegistry types)
{
    /// <summary>
    /// Events of one stream in order, from the hot table or the archive.
    /// <paramref name="asOf"/> returns only what had been recorded by that moment (time travel).
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        UnitOfWork uow, Guid streamId, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        const string columns = "position, tenant_id, stream_id, stream_type, version, event_type, data::text, metadata::text, created_at, tx_id::text";
        var sql = $"""
            SELECT {columns} FROM events WHERE stream_id = $1 AND ($2::timestamptz IS NULL OR created_at <= $2)
            UNION ALL
            SELECT {columns} FROM archived_events WHERE stream_id = $1 AND ($2::timestamptz IS NULL OR created_at <= $2)
            ORDER BY version
            """;
        await using var cmd = new NpgsqlCommand(sql, uow.Connection, uow.Transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)asOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<StoredEvent>();
        while (await reader.ReadAsync(ct)) result.Add(ReadEvent(reader));
        return result;
    }

    /// <summary>Reads one row selected with the column order used throughout the store.</summary>
    public StoredEvent ReadEvent(NpgsqlDataReader reader)
    {
        var (name, data) = types.Deserialize(reader.GetString(5), reader.GetString(6));
        var metadata = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(7), EventTypeRegistry.Json) ?? EventMetadata.System;
        return new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt64(4),
            name, data, metadata, reader.GetFieldValue<DateTimeOffset>(8), ulong.Parse(reader.GetString(9)));
    }
}
