namespace Ktp.Infrastructure.EventStore;

/// <summary>In-process wake-up for the projection daemon after a local commit; other nodes poll.</summary>
public sealed class EventStoreSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) =>
        Task.WhenAny(Volatile.Read(ref _next).Task, Task.Delay(timeout, ct));
}
