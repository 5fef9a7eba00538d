using System.Diagnostics;

namespace Ktp.Benchmarks.Load;

/// <summary>
/// Samples the process every 250 ms during a phase: thread pool threads and queued work items (a queue that grows
/// while threads trickle in is starvation: something blocks a pool thread), GC pause time, CPU.
/// </summary>
public sealed class RuntimeSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly int _gen2AtStart = GC.CollectionCount(2);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _maxThreads;
    private long _maxQueued;
    private readonly List<SecondSample> _seconds = [];

    public RuntimeSampler() => _loop = SampleAsync();

    public sealed record Summary(int MaxPoolThreads, long MaxQueuedWorkItems, double GcPauseMs, int Gen2Collections, double CpuCoresUsed);

    /// <summary>One second of the phase: GC pause time and collections in it, CPU cores the process used, pool threads, queued work.</summary>
    public sealed record SecondSample(int Second, double GcPauseMs, int Gen0, int Gen1, int Gen2, double CpuCores, int PoolThreads, long QueuedWorkItems);

    public IReadOnlyList<SecondSample> Seconds => _seconds;

    public Summary Result() => new(_maxThreads, _maxQueued, Math.Round((GC.GetTotalPauseDuration() - _pauseAtStart).TotalMilliseconds),
        GC.CollectionCount(2) - _gen2AtStart,
        Math.Round((Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds / _watch.Elapsed.TotalSeconds, 2));

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var (pause, cpu, gen0, gen1, gen2, ticks) = (GC.GetTotalPauseDuration(), Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), 0);
        var (secondThreads, secondQueued) = (0, 0L);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
                _maxQueued = Math.Max(_maxQueued, ThreadPool.PendingWorkItemCount);
                secondThreads = Math.Max(secondThreads, ThreadPool.ThreadCount);
                secondQueued = Math.Max(secondQueued, ThreadPool.PendingWorkItemCount);
                if (++ticks % 4 != 0) continue;
                var (nowPause, nowCpu) = (GC.GetTotalPauseDuration(), Process.GetCurrentProcess().TotalProcessorTime);
                _seconds.Add(new SecondSample(ticks / 4 - 1, Math.Round((nowPause - pause).TotalMilliseconds), GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1,
                    GC.CollectionCount(2) - gen2, Math.Round((nowCpu - cpu).TotalSeconds, 2), secondThreads, secondQueued));
                (pause, cpu, gen0, gen1, gen2) = (nowPause, nowCpu, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                (secondThreads, secondQueued) = (0, 0L);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
