using System.Diagnostics;
using Dapper;
using JasperFx.Events.Daemon;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projections;
using Marten;
using Npgsql;

namespace Ktp.Benchmarks;

public sealed record CatchUpResult(long Events, double Seconds, long ReadModelEvents, int ReadModelStreams, CpuUse Cpu)
{
    public double EventsPerSecond => Events / Seconds;
    public bool Verified => ReadModelEvents == Events;
}

/// <summary>
/// Runs Marten's async daemon (as the app's nodes run it: the system role, the store's own connection) for
/// <see cref="StreamCounterProjection"/> from sequence zero until its progress mark in
/// <c>es.mt_event_progression</c> reaches the highest stored sequence number, then checks the read model.
/// </summary>
public sealed class CatchUpBenchmark(BenchDatabase database, IDocumentStore marten)
{
    private const string Es = MartenEventStore.Schema;

    public async Task<CatchUpResult> RunAsync(Action<long, long> progress, CancellationToken ct)
    {
        var projection = new StreamCounterProjection();
        var shard = AsyncProjections.ShardName(projection.Name);
        await using (var owner = await database.OpenOwnerAsync(ct))
        {
            await owner.ExecuteAsync(StreamCounterProjection.CreateTableSql);
            await owner.ExecuteAsync($"DELETE FROM {Es}.mt_event_progression WHERE name = @shard", new { shard });
        }
        var (total, highWater) = await database.CountEventsAndHighWaterAsync(ct);

        long position = 0;
        double seconds;
        CpuUse cpu;
        using var daemon = await marten.BuildProjectionDaemonAsync();
        await using (var owner = await database.OpenOwnerAsync(ct))
        {
            var cpuBefore = await CpuSample.TakeAsync(owner);
            var clock = Stopwatch.StartNew();
            await daemon.StartAgentAsync(shard, ct);
            var lastProgress = (Position: -1L, At: TimeSpan.Zero);
            while (true)
            {
                position = await owner.ExecuteScalarAsync<long?>(
                    $"SELECT last_seq_id FROM {Es}.mt_event_progression WHERE name = @shard", new { shard }) ?? 0;
                progress(position, highWater);
                if (position >= highWater)
                {
                    seconds = clock.Elapsed.TotalSeconds;
                    cpu = CpuUse.From(cpuBefore, await CpuSample.TakeAsync(owner), "1000 events", total / 1000.0, seconds);
                    break;
                }
                if (position != lastProgress.Position) lastProgress = (position, clock.Elapsed);
                else if (clock.Elapsed - lastProgress.At > StallLimit)
                    throw new InvalidOperationException($"The projection made no progress for {StallLimit.TotalSeconds:0} s at sequence {position:N0} of {highWater:N0}: " +
                        await DiagnoseStallAsync(owner, daemon, shard));
                await Task.Delay(20, ct);
            }
            await daemon.StopAllAsync();
        }

        await using var check = await database.OpenOwnerAsync(ct);
        var (events, streams) = await check.QuerySingleAsync<(long, int)>(
            $"SELECT coalesce(sum(events), 0)::bigint, count(*)::int FROM {StreamCounterProjection.Table}");
        return new CatchUpResult(total, seconds, events, streams, cpu);
    }

    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What stops the daemon on a shared server: its agent paused on an error, its high-water mark held back by a
    /// sequence gap (a transaction anywhere that took sequence numbers and has not committed), or no
    /// pg_read_all_stats for the system role, so it waits out every gap by time.
    /// </summary>
    private static async Task<string> DiagnoseStallAsync(NpgsqlConnection owner, IProjectionDaemon daemon, string shard)
    {
        var agents = string.Join(", ", daemon.CurrentAgents().Select(a => $"{a.Name.Identity} {a.Status}"));
        var highWater = await owner.ExecuteScalarAsync<long?>($"SELECT last_seq_id FROM {Es}.mt_event_progression WHERE name = 'HighWaterMark'");
        var readsStats = await owner.ExecuteScalarAsync<bool>("SELECT pg_has_role('ktp_system', 'pg_read_all_stats', 'MEMBER')");
        var oldest = await owner.QueryFirstOrDefaultAsync<(string?, string?, double?)>("""
            SELECT datname, state, extract(epoch FROM now() - xact_start)::float8 FROM pg_stat_activity
            WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid() ORDER BY xact_start LIMIT 1
            """);
        return $"agents: {(agents.Length == 0 ? "none" : agents)}; daemon high-water mark {highWater?.ToString("N0") ?? "not recorded"} ({shard} waits for it); " +
            $"ktp_system has pg_read_all_stats = {readsStats}; oldest open transaction: " +
            (oldest.Item1 is null ? "none" : $"database {oldest.Item1}, {oldest.Item2}, open {oldest.Item3:N0} s");
    }
}
