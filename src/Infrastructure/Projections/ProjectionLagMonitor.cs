using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Projections;

/// <summary>Reads the daemon's progress every few seconds for the <c>ktp_projection_lag_events</c> gauge.</summary>
public sealed class ProjectionLagMonitor(ProjectionAdmin admin, ILogger<ProjectionLagMonitor> logger) : BackgroundService
{
    private IReadOnlyList<ProjectionStatus> _last = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var source = KtpMetrics.RegisterProjectionLag(() => Volatile.Read(ref _last).Select(s => KtpMetrics.ProjectionLagOf(s.Name, s.Lag)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { Volatile.Write(ref _last, await admin.StatusAsync(stoppingToken)); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { logger.LogWarning(e, "Could not read projection progress"); }
            try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
