using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ktp.Infrastructure.Projections;

public enum ProjectionState { Stopped, Standby, Leader, Faulted }

/// <summary>
/// Keeps one projection up to date. Only the node holding the projection's advisory lock works on
/// it; events are read in commit order: only transactions older than every running one
/// (tx_id below the snapshot's xmin) are read, ordered by (tx_id, position), so an event written by
/// a long transaction is never passed by the checkpoint before it commits.
/// </summary>
public sealed class ProjectionRunner(
    IAsyncProjection projection, KtpDatabase db, EventStore.EventStore store, EventStoreSignal signal,
    ProjectionOptions options, ILogger logger)
{
    private const string Columns = "position, tenant_id, stream_id, stream_type, version, event_type, data::text, metadata::text, created_at, tx_id::text";

    public string Name => projection.Name;
    public ProjectionState State { get; private set; } = ProjectionState.Stopped;
    public string? LastError { get; private set; }
    public long Lag { get; private set; }

    private long LockKey => StableHash(projection.Name);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.System.OpenConnectionAsync(ct);
                if (!await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@k)", new { k = LockKey }))
                {
                    State = ProjectionState.Standby;
                    await Task.Delay(options.StandbyRetry, ct);
                    continue;
                }
                State = ProjectionState.Leader;
                await LeadAsync(connection, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                State = ProjectionState.Faulted;
                LastError = e.Message;
                logger.LogError(e, "Projection {Projection} failed; retrying in {Delay}", projection.Name, options.FaultRetry);
                await SaveErrorAsync(e.Message);
                try { await Task.Delay(options.FaultRetry, ct); } catch (OperationCanceledException) { break; }
            }
        }
        State = ProjectionState.Stopped;
    }

    /// <summary>Processes everything visible now and returns how many events it read (used by tests and the CLI).</summary>
    public async Task<long> CatchUpOnceAsync(NpgsqlConnection leaderConnection, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            var read = await ProcessBatchAsync(leaderConnection, ct);
            total += read;
            if (read < options.BatchSize) return total;
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await connection.ExecuteAsync("INSERT INTO projection_checkpoints (name) VALUES (@name) ON CONFLICT DO NOTHING", new { name = projection.Name });
        var lastLagCheck = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            await ResetIfRequestedAsync(connection, ct);
            var read = await ProcessBatchAsync(connection, ct);
            if (DateTime.UtcNow - lastLagCheck > options.LagInterval)
            {
                Lag = await CountLagAsync(connection, ct);
                lastLagCheck = DateTime.UtcNow;
            }
            if (State == ProjectionState.Faulted) State = ProjectionState.Leader;
            if (read < options.BatchSize) await signal.WaitAsync(options.PollInterval, ct);
        }
    }

    private async Task ResetIfRequestedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var requested = await connection.ExecuteScalarAsync<bool>(
            "SELECT rebuild_requested FROM projection_checkpoints WHERE name = @name", new { name = projection.Name });
        if (!requested) return;
        await using var tx = await connection.BeginTransactionAsync(ct);
        var uow = UnitOfWorkFor(connection, tx);
        await projection.ResetAsync(uow, ct);
        var total = await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM archived_events)", transaction: tx);
        await connection.ExecuteAsync("""
            UPDATE projection_checkpoints SET last_tx_id = '0', last_position = 0, events_processed = 0,
              rebuild_requested = false, rebuild_total = @total, last_error = NULL, updated_at = now()
            WHERE name = @name
            """, new { name = projection.Name, total }, tx);
        await tx.CommitAsync(ct);
        logger.LogInformation("Projection {Projection} reset for rebuild of {Total} events", projection.Name, total);
    }

    private async Task<int> ProcessBatchAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var (lastTx, lastPosition) = await connection.QuerySingleAsync<(string, long)>(
            "SELECT last_tx_id::text, last_position FROM projection_checkpoints WHERE name = @name FOR UPDATE",
            new { name = projection.Name }, tx);

        var events = new List<StoredEvent>();
        ulong batchLastTx = 0;
        long batchLastPosition = 0;
        var read = 0;
        // Each branch takes its own first $3 rows from its (tx_id, position) index; ordering only the union
        // makes PostgreSQL sort every event after the checkpoint on each batch (a seq scan of the whole table).
        // The names are qualified because a bare tx_id would mean the tx_id::text output column.
        await using (var cmd = new NpgsqlCommand($"""
            SELECT * FROM (
              (SELECT {Columns}, tx_id AS tx_order FROM events
               WHERE (tx_id, position) > ($1::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
               ORDER BY events.tx_id, events.position LIMIT $3)
              UNION ALL
              (SELECT {Columns}, tx_id AS tx_order FROM archived_events
               WHERE (tx_id, position) > ($1::xid8, $2)
               ORDER BY archived_events.tx_id, archived_events.position LIMIT $3)
            ) e ORDER BY tx_order, position LIMIT $3
            """, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = lastTx });
            cmd.Parameters.Add(new NpgsqlParameter { Value = lastPosition });
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.BatchSize });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                read++;
                batchLastTx = ulong.Parse(reader.GetString(9));
                batchLastPosition = reader.GetInt64(0);
                if (projection.Handles(reader.GetString(5))) events.Add(store.ReadEvent(reader));
            }
        }
        if (read == 0) return 0;

        if (events.Count > 0) await projection.ApplyAsync(UnitOfWorkFor(connection, tx), events, ct);
        await connection.ExecuteAsync("""
            UPDATE projection_checkpoints SET last_tx_id = @tx::xid8, last_position = @pos,
              events_processed = events_processed + @read, last_error = NULL, updated_at = now()
            WHERE name = @name
            """, new { name = projection.Name, tx = batchLastTx.ToString(), pos = batchLastPosition, read }, tx);
        await tx.CommitAsync(ct);
        ProjectionMetrics.Processed(projection.Name, read);
        return read;
    }

    private async Task<long> CountLagAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM (
              SELECT 1 FROM events e, projection_checkpoints c
              WHERE c.name = @name AND (e.tx_id, e.position) > (c.last_tx_id, c.last_position)
              LIMIT 1000000) lag
            """, new { name = projection.Name }, cancellationToken: ct));

    private async Task SaveErrorAsync(string message)
    {
        try
        {
            await using var connection = await db.System.OpenConnectionAsync();
            await connection.ExecuteAsync("UPDATE projection_checkpoints SET last_error = @message, updated_at = now() WHERE name = @name",
                new { name = projection.Name, message });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the failure of projection {Projection}", projection.Name);
        }
    }

    private static UnitOfWork UnitOfWorkFor(NpgsqlConnection connection, NpgsqlTransaction tx) => UnitOfWork.Borrowed(connection, tx);

    /// <summary>FNV-1a: a lock key that is the same on every node and every run.</summary>
    private static long StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "ktp-projection:" + text) hash = (hash ^ c) * 1099511628211UL;
        return (long)hash;
    }
}
