using System.Diagnostics;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Benchmarks;

/// <summary>
/// Timed appends through the real path: each append is its own transaction
/// (<c>BeginTenantAsync</c> → <c>AppendAsync</c> → <c>CommitAsync</c>). Every writer owns its streams, so expected
/// versions are always exact and no conflict is provoked: a share of appends opens a new stream
/// (expected <see cref="EventStore.NoStream"/>), the rest go to a random stream the writer already has.
/// </summary>
public sealed class AppendWorkload(KtpDatabase db, EventStore store, IReadOnlyList<Guid> tenants)
{
    public const double NewStreamShare = 0.2;
    private const int MaxStreamsPerWriter = 2_000;

    public async Task<AppendResult> RunAsync(
        int writers, int eventsPerAppend, TimeSpan warmup, TimeSpan duration, IReadOnlyList<SeedStream> seeds,
        Action<double> elapsedSeconds, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var states = Enumerable.Range(0, writers).Select(w => new WriterState(w, tenants[w % tenants.Count])).ToArray();
        var writersOfTenant = states.GroupBy(s => s.Tenant).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (seed, i) in seeds.Select((s, i) => (s, i)))
        {
            if (writersOfTenant.TryGetValue(seed.TenantId, out var owners))
                owners[i % owners.Length].Streams.Add(new OwnedStream(seed.StreamId, seed.Version));
        }

        var work = Task.WhenAll(states.Select(s => Task.Run(() => WriteAsync(s, eventsPerAppend, clock, measureFrom, stopAt, ct), ct)));
        while (!work.IsCompleted)
        {
            elapsedSeconds(clock.Elapsed.TotalSeconds);
            await Task.WhenAny(work, Task.Delay(200, ct));
        }
        await work;

        var lastEnd = states.Max(s => s.LastEnd);
        var seconds = Math.Max(lastEnd - measureFrom, 1) / (double)Stopwatch.Frequency;
        var measured = states.Sum(s => s.Latencies.Count);
        return new AppendResult(
            writers, eventsPerAppend, measured, (long)measured * eventsPerAppend, seconds,
            states.Sum(s => s.AllAppends), clock.Elapsed.TotalSeconds,
            states.Sum(s => s.Errors), states.Select(s => s.FirstError).FirstOrDefault(e => e is not null),
            Percentiles.Of(states.SelectMany(s => s.Latencies)),
            new Breakdown(
                Ms(states.Sum(s => s.BeginTicks), measured),
                Ms(states.Sum(s => s.AppendTicks), measured),
                Ms(states.Sum(s => s.CommitTicks), measured)));
    }

    private async Task WriteAsync(WriterState state, int count, Stopwatch clock, long measureFrom, long stopAt, CancellationToken ct)
    {
        var metadata = new EventMetadata(UserId: Guid.NewGuid(), UserName: $"bench-writer-{state.Index}");
        while (clock.ElapsedTicks < stopAt && !ct.IsCancellationRequested)
        {
            var opens = state.Streams.Count == 0 || state.Random.NextDouble() < NewStreamShare;
            var slot = opens ? -1 : state.Random.Next(state.Streams.Count);
            var stream = opens ? new OwnedStream(Guid.NewGuid(), EventStore.NoStream) : state.Streams[slot];
            var events = BenchEvents.Batch(stream.Id, opens, count, stream.Version + 1);

            var started = clock.ElapsedTicks;
            long begun, appended;
            try
            {
                await using var uow = await db.BeginTenantAsync(state.Tenant, ct);
                begun = clock.ElapsedTicks;
                await store.AppendAsync(uow, stream.Id, BenchEvents.StreamType, stream.Version, events,
                    metadata with { CorrelationId = Guid.NewGuid() }, ct);
                appended = clock.ElapsedTicks;
                await uow.CommitAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                state.Errors++;
                state.FirstError ??= e.GetType().Name + ": " + e.Message;
                if (!opens) state.Streams.RemoveAt(slot);
                continue;
            }
            var ended = clock.ElapsedTicks;

            state.AllAppends++;
            stream.Version += count;
            if (opens)
            {
                if (state.Streams.Count < MaxStreamsPerWriter) state.Streams.Add(stream);
                else state.Streams[state.Random.Next(state.Streams.Count)] = stream;
            }
            if (started < measureFrom) continue;
            state.Latencies.Add(ended - started);
            state.BeginTicks += begun - started;
            state.AppendTicks += appended - begun;
            state.CommitTicks += ended - appended;
            state.LastEnd = ended;
        }
    }

    private static double Ms(long ticks, long count) => count == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / count;

    private sealed class OwnedStream(Guid id, long version)
    {
        public Guid Id { get; } = id;
        public long Version { get; set; } = version;
    }

    private sealed class WriterState(int index, Guid tenant)
    {
        public int Index { get; } = index;
        public Guid Tenant { get; } = tenant;
        public Random Random { get; } = new(index * 7919 + 17);
        public List<OwnedStream> Streams { get; } = [];
        public List<long> Latencies { get; } = new(100_000);
        public long BeginTicks, AppendTicks, CommitTicks, LastEnd, Errors, AllAppends;
        public string? FirstError;
    }
}

/// <summary>Mean time per append spent opening the unit of work (incl. setting the tenant), in the append statement, and committing.</summary>
public sealed record Breakdown(double BeginMs, double AppendMs, double CommitMs);

/// <param name="AllAppends">Including the warm-up, for CPU accounting over the whole run (<paramref name="WallSeconds"/>).</param>
public sealed record AppendResult(
    int Writers, int EventsPerAppend, long Appends, long Events, double Seconds, long AllAppends, double WallSeconds, long Errors, string? FirstError,
    Percentiles Latency, Breakdown Breakdown)
{
    public double AppendsPerSecond => Appends / Seconds;
    public double EventsPerSecond => Events / Seconds;
}

public sealed record Percentiles(double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static Percentiles Of(IEnumerable<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.ToArray();
        if (sorted.Length == 0) return new Percentiles(0, 0, 0, 0);
        Array.Sort(sorted);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Percentiles(At(0.50), At(0.95), At(0.99), At(1.0));
    }
}
