namespace Ktp.Infrastructure.Projections;

public sealed class ProjectionOptions
{
    public int BatchSize { get; init; } = 1000;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan StandbyRetry { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan FaultRetry { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan LagInterval { get; init; } = TimeSpan.FromSeconds(5);
}
