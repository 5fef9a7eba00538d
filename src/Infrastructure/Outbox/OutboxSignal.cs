namespace Ktp.Infrastructure.Outbox;

/// <summary>Wakes the local outbox worker after a commit; other nodes find the work by polling.</summary>
public sealed class OutboxSignal
{
    public static readonly OutboxSignal Shared = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
