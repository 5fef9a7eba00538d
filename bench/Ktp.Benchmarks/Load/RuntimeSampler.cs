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

    public RuntimeSampler() => _loop = SampleAsync();

    public sealed record Summary(int MaxPoolThreads, long MaxQueuedWorkItems, double GcPauseMs, int Gen2Collections, double CpuCoresUsed);

    public Summary Result() => new(_maxThreads, _maxQueued, Math.Round((GC.GetTotalPauseDuration() - _pauseAtStart).TotalMilliseconds),
        GC.CollectionCount(2) - _gen2AtStart,
        Math.Round((Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds / _watch.Elapsed.TotalSeconds, 2));

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
                _maxQueued = Math.Max(_maxQueued, ThreadPool.PendingWorkItemCount);
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
