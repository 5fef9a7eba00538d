using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Ktp.Benchmarks;

/// <summary>
/// Async projection for the catch-up phase: events and amount per tenant and stream. Each batch the
/// runner hands over is folded in memory and written with one upsert, as a real projection would.
/// </summary>
public sealed class StreamCounterProjection : IAsyncProjection
{
    public const string Table = "bench_stream_counts";

    public static string CreateTableSql => $"""
        CREATE TABLE {Table} (
          tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
          stream_id     uuid NOT NULL,
          events        bigint NOT NULL,
          amount        bigint NOT NULL,
          last_version  bigint NOT NULL,
          last_position bigint NOT NULL,
          PRIMARY KEY (tenant_id, stream_id));
        SELECT ktp_enable_tenant_rls('{Table}', 'SELECT');
        """;

    public string Name => "bench_stream_counter";

    public bool Handles(string eventType) => eventType.StartsWith("bench.", StringComparison.Ordinal);

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var rows = new Dictionary<(Guid Tenant, Guid Stream), Row>();
        foreach (var e in events)
        {
            var row = rows.TryGetValue((e.TenantId, e.StreamId), out var r) ? r : rows[(e.TenantId, e.StreamId)] = new Row();
            row.Events++;
            row.Amount += e.Data is ItemRecorded recorded ? recorded.Amount : 0;
            row.LastVersion = Math.Max(row.LastVersion, e.Version);
            row.LastPosition = Math.Max(row.LastPosition, e.Position);
        }

        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO {Table} AS c (tenant_id, stream_id, events, amount, last_version, last_position)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
            ON CONFLICT (tenant_id, stream_id) DO UPDATE SET
              events = c.events + excluded.events,
              amount = c.amount + excluded.amount,
              last_version = greatest(c.last_version, excluded.last_version),
              last_position = greatest(c.last_position, excluded.last_position)
            """, uow.Connection, uow.Transaction);
        cmd.Parameters.Add(Array(rows.Keys.Select(k => k.Tenant), NpgsqlDbType.Uuid));
        cmd.Parameters.Add(Array(rows.Keys.Select(k => k.Stream), NpgsqlDbType.Uuid));
        cmd.Parameters.Add(Array(rows.Values.Select(v => v.Events), NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Array(rows.Values.Select(v => v.Amount), NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Array(rows.Values.Select(v => v.LastVersion), NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Array(rows.Values.Select(v => v.LastPosition), NpgsqlDbType.Bigint));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(UnitOfWork uow, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"DELETE FROM {Table}", uow.Connection, uow.Transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    private sealed class Row
    {
        public long Events, Amount, LastVersion, LastPosition;
    }
}
