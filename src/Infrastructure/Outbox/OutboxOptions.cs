namespace Ktp.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public int BatchSize { get; init; } = 20;
    public int MaxAttempts { get; init; } = 8;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Exponential backoff: 5 s, 10 s, 20 s ... capped at one hour.</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, FirstRetry.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
