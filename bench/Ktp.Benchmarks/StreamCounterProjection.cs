using JasperFx.Events;
using Ktp.Infrastructure.Projections;
using Marten;

namespace Ktp.Benchmarks;

/// <summary>
/// Async projection for the catch-up phase: events and amount per tenant and stream. Each batch Marten's
/// daemon hands over is folded in memory and written with one upsert, as a real projection would.
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

    string IAsyncProjection.Table => Table;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var rows = new Dictionary<(Guid Tenant, Guid Stream), Row>();
        foreach (var e in events)
        {
            if (!e.EventTypeName.StartsWith("bench.", StringComparison.Ordinal) || !Guid.TryParse(e.TenantId, out var tenant)) continue;
            var row = rows.TryGetValue((tenant, e.StreamId), out var r) ? r : rows[(tenant, e.StreamId)] = new Row();
            row.Events++;
            row.Amount += e.Data is ItemRecorded recorded ? recorded.Amount : 0;
            row.LastVersion = Math.Max(row.LastVersion, e.Version);
            row.LastPosition = Math.Max(row.LastPosition, e.Sequence);
        }
        if (rows.Count == 0) return Task.CompletedTask;
        operations.QueueSqlCommand($"""
            INSERT INTO {Table} AS c (tenant_id, stream_id, events, amount, last_version, last_position)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            ON CONFLICT (tenant_id, stream_id) DO UPDATE SET
              events = c.events + excluded.events,
              amount = c.amount + excluded.amount,
              last_version = greatest(c.last_version, excluded.last_version),
              last_position = greatest(c.last_position, excluded.last_position)
            """, rows.Keys.Select(k => k.Tenant).ToArray(), rows.Keys.Select(k => k.Stream).ToArray(),
            rows.Values.Select(v => v.Events).ToArray(), rows.Values.Select(v => v.Amount).ToArray(),
            rows.Values.Select(v => v.LastVersion).ToArray(), rows.Values.Select(v => v.LastPosition).ToArray());
        return Task.CompletedTask;
    }

    private sealed class Row
    {
        public long Events, Amount, LastVersion, LastPosition;
    }
}
