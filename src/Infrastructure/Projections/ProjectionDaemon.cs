using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Projections;

/// <summary>Runs every registered async projection; on each node, each projection either leads or stands by.</summary>
public sealed class ProjectionDaemon : BackgroundService
{
    public ProjectionDaemon(IEnumerable<IAsyncProjection> projections, KtpDatabase db, EventStore.EventStore store,
        EventStoreSignal signal, ProjectionOptions options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger<ProjectionDaemon>();
        Runners = projections.Select(p => new ProjectionRunner(p, db, store, signal, options, logger)).ToList();
        _lagSource = KtpMetrics.RegisterProjectionLag(() => Runners
            .Where(r => r.State == ProjectionState.Leader)
            .Select(r => KtpMetrics.ProjectionLagOf(r.Name, r.Lag)));
    }

    private readonly IDisposable _lagSource;

    public IReadOnlyList<ProjectionRunner> Runners { get; }

    public override void Dispose()
    {
        _lagSource.Dispose();
        base.Dispose();
    }

    public bool Running { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Running = true;
        try
        {
            await Task.WhenAll(Runners.Select(r => r.RunAsync(stoppingToken)));
        }
        finally
        {
            Running = false;
        }
    }
}
