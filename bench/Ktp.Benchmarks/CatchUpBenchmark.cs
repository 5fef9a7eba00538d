using System.Diagnostics;
using Dapper;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ktp.Benchmarks;

public sealed record CatchUpResult(long Events, double Seconds, long ReadModelEvents, int ReadModelStreams, CpuUse Cpu)
{
    public double EventsPerSecond => Events / Seconds;
    public bool Verified => ReadModelEvents == Events;
}

/// <summary>
/// Runs the real <see cref="ProjectionRunner"/> loop (advisory lock, batches from checkpoint zero in commit
/// order, checkpoint moved in the projection's transaction) until it has processed every stored event.
/// </summary>
public sealed class CatchUpBenchmark(BenchDatabase database, EventStore store)
{
    public async Task<CatchUpResult> RunAsync(Action<long, long> progress, CancellationToken ct)
    {
        var projection = new StreamCounterProjection();
        await using (var owner = await database.OpenOwnerAsync(ct))
        {
            await owner.ExecuteAsync(StreamCounterProjection.CreateTableSql);
            await owner.ExecuteAsync("DELETE FROM projection_checkpoints WHERE name = @name", new { name = projection.Name });
        }
        var total = await database.CountEventsAsync(ct);

        var runner = new ProjectionRunner(projection, database.Db, store, new EventStoreSignal(), new ProjectionOptions(), NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long processed = 0;
        double seconds;
        CpuUse cpu;
        await using (var owner = await database.OpenOwnerAsync(ct))
        {
            var cpuBefore = await CpuSample.TakeAsync(owner);
            var clock = Stopwatch.StartNew();
            var run = runner.RunAsync(stop.Token);
            var lastProgress = (Events: -1L, At: TimeSpan.Zero);
            while (true)
            {
                processed = await owner.ExecuteScalarAsync<long?>(
                    "SELECT events_processed FROM projection_checkpoints WHERE name = @name", new { name = projection.Name }) ?? 0;
                progress(processed, total);
                if (processed != lastProgress.Events) lastProgress = (processed, clock.Elapsed);
                else if (clock.Elapsed - lastProgress.At > StallLimit)
                    throw new InvalidOperationException($"The projection made no progress for {StallLimit.TotalSeconds:0} s at {processed:N0} of {total:N0} events: " +
                        await DiagnoseStallAsync(owner));
                if (processed >= total)
                {
                    seconds = clock.Elapsed.TotalSeconds;
                    cpu = CpuUse.From(cpuBefore, await CpuSample.TakeAsync(owner), "1000 events", processed / 1000.0, seconds);
                    break;
                }
                if (runner.State == ProjectionState.Faulted) throw new InvalidOperationException("The projection failed: " + runner.LastError);
                if (run.IsCompleted) throw new InvalidOperationException("The projection runner stopped before catching up.");
                await Task.Delay(20, ct);
            }
            await stop.CancelAsync();
            await run;
        }

        await using var check = await database.OpenOwnerAsync(ct);
        var (events, streams) = await check.QuerySingleAsync<(long, int)>(
            $"SELECT coalesce(sum(events), 0)::bigint, count(*)::int FROM {StreamCounterProjection.Table}");
        return new CatchUpResult(processed, seconds, events, streams, cpu);
    }

    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The two things that stop a runner on a shared server: the system role lost BYPASSRLS (roles are
    /// cluster-wide, another database's migrator may have changed it), or a transaction anywhere in the
    /// cluster holds the snapshot xmin below the unread events.
    /// </summary>
    private static async Task<string> DiagnoseStallAsync(Npgsql.NpgsqlConnection owner)
    {
        var bypass = await owner.ExecuteScalarAsync<bool>("SELECT rolbypassrls FROM pg_roles WHERE rolname = 'ktp_system'");
        var oldest = await owner.QueryFirstOrDefaultAsync<(string?, string?, double?)>("""
            SELECT datname, state, extract(epoch FROM now() - xact_start)::float8 FROM pg_stat_activity
            WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid() ORDER BY xact_start LIMIT 1
            """);
        return $"ktp_system BYPASSRLS = {bypass}; oldest open transaction: " +
            (oldest.Item1 is null ? "none" : $"database {oldest.Item1}, {oldest.Item2}, open {oldest.Item3:N0} s");
    }
}
