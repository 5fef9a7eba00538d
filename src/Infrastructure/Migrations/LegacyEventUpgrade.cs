using Dapper;
using Ktp.Infrastructure.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ktp.Infrastructure.Migrations;

/// <summary>
/// Moves the events of the earlier hand-written store (tables <c>events</c>, <c>archived_events</c>,
/// <c>streams</c>) into Marten's tables with the same stream ids, versions, timestamps, type names and
/// metadata, in commit order, a batch of streams per transaction. Registrations gain the inquiry's
/// number from the read model (the earlier store numbered in the table, now the event carries it). Idempotent: a stream already moved is
/// skipped, so an interrupted run resumes. When every event is across, the old tables are dropped and
/// the async read models are emptied for the daemon to rebuild from the first event.
/// </summary>
public sealed class LegacyEventUpgrade(EventTypeRegistry? types, IEnumerable<string> asyncProjectionTables, ILogger logger, int streamsPerBatch = 500)
{
    private const string Es = MartenEventStore.Schema;

    public static async Task<bool> IsNeededAsync(NpgsqlConnection owner, CancellationToken ct) =>
        await owner.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('public.events') IS NOT NULL", cancellationToken: ct));

    public async Task RunAsync(NpgsqlConnection owner, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        if (!await IsNeededAsync(owner, ct)) return;
        await RefuseUnknownTypesAsync(owner, ct);
        var total = await owner.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM streams", cancellationToken: ct));
        var names = types?.All.Select(t => t.Value).ToArray() ?? [];
        var dotnet = types?.All.Select(t => $"{t.Key.FullName}, {t.Key.Assembly.GetName().Name}").ToArray() ?? [];
        long done = 0;
        Guid? after = null;
        while (true)
        {
            await using var tx = await owner.BeginTransactionAsync(ct);
            var batch = (await owner.QueryAsync<(Guid Tenant, Guid Stream)>(new CommandDefinition("""
                SELECT tenant_id, stream_id FROM streams WHERE @after::uuid IS NULL OR stream_id > @after
                ORDER BY stream_id LIMIT @limit
                """, new { after, limit = streamsPerBatch }, tx, cancellationToken: ct))).ToList();
            if (batch.Count == 0) break;
            await owner.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO {Es}.mt_streams (tenant_id, id, type, version, "timestamp", created, is_archived)
                SELECT s.tenant_id::text, s.stream_id, s.stream_type, s.version, s.updated_at, s.created_at, s.archived
                FROM streams s WHERE s.stream_id = ANY(@ids)
                ON CONFLICT DO NOTHING;

                INSERT INTO {Es}.mt_events (seq_id, id, stream_id, version, data, type, "timestamp", tenant_id, mt_dotnet_type,
                  correlation_id, causation_id, user_name, headers, is_archived)
                -- Sequence numbers are drawn in the order the events were written (Marten reads a stream in that order):
                -- the joins happen inside, the numbering outside over the ordered rows.
                SELECT nextval('{Es}.mt_events_sequence'), gen_random_uuid(), x.*
                FROM (
                  SELECT o.stream_id, o.version,
                    CASE WHEN o.event_type = 'inquiry.registered' AND i.number IS NOT NULL THEN o.data || jsonb_build_object('number', i.number) ELSE o.data END,
                    o.event_type, o.created_at,
                    o.tenant_id::text, m.dotnet_type, o.metadata->>'correlationId', o.metadata->>'causationId', o.metadata->>'userName',
                    nullif(jsonb_strip_nulls(jsonb_build_object('user_id', o.metadata->>'userId', 'client_ip', o.metadata->>'clientIp')), jsonb_build_object()),
                    o.archived
                  FROM (
                    SELECT e.*, false AS archived FROM events e WHERE e.stream_id = ANY(@ids)
                    UNION ALL
                    SELECT a.position, a.tenant_id, a.stream_id, a.stream_type, a.version, a.event_type, a.data, a.metadata, a.created_at, a.tx_id, true
                    FROM archived_events a WHERE a.stream_id = ANY(@ids)) o
                  LEFT JOIN unnest(@names::text[], @dotnet::text[]) AS m(name, dotnet_type) ON m.name = o.event_type
                  LEFT JOIN inquiries i ON i.tenant_id = o.tenant_id AND i.inquiry_id = o.stream_id
                  WHERE NOT EXISTS (SELECT 1 FROM {Es}.mt_events x
                                    WHERE x.tenant_id = o.tenant_id::text AND x.stream_id = o.stream_id AND x.version = o.version)
                  ORDER BY o.tx_id, o.position) x;
                """, new { ids = batch.Select(b => b.Stream).ToArray(), names, dotnet }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            done += batch.Count;
            after = batch[^1].Stream;
            progress?.Report((done, total));
        }

        var (legacy, moved) = await owner.QuerySingleAsync<(long, long)>(new CommandDefinition($"""
            SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM archived_events),
                   (SELECT count(*) FROM {Es}.mt_events e WHERE EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = e.stream_id AND s.tenant_id::text = e.tenant_id))
            """, cancellationToken: ct));
        if (legacy != moved)
            throw new InvalidOperationException($"Event store upgrade: {legacy} events in the old tables but {moved} in Marten's; the old tables are kept.");
        // The async read models start again from the first event in Marten's sequence.
        foreach (var table in asyncProjectionTables) await owner.ExecuteAsync(new CommandDefinition($"TRUNCATE {table}", cancellationToken: ct));
        await owner.ExecuteAsync(new CommandDefinition("DROP TABLE archived_events, events, streams, projection_checkpoints", cancellationToken: ct));
        logger.LogInformation("Moved {Events} events of {Streams} streams into Marten's event store", moved, total);
    }

    /// <summary>An event no module knows any more could not be read back after the move: stop before moving anything.</summary>
    private async Task RefuseUnknownTypesAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        if (types is null) return;
        var stored = await owner.QueryAsync<string>(new CommandDefinition(
            "SELECT event_type FROM events UNION SELECT event_type FROM archived_events ORDER BY 1", cancellationToken: ct));
        var unknown = stored.FirstOrDefault(name => !types.IsRegistered(name));
        if (unknown is not null) throw new UnknownEventTypeException(unknown);
    }
}
