using System.Text.Json;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Migrations;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ktp.Web.Health;

/// <summary>
/// /health/live: the process answers. /health/ready: database reachable, schema current, workers running. The checks'
/// descriptions (database errors name hosts and roles) are shown in Development only; elsewhere just the statuses.
/// </summary>
public static class HealthSetup
{
    public static IServiceCollection AddKtpHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionDaemonHealthCheck>("projections", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapKtpHealth(this WebApplication app)
    {
        var writer = app.Environment.IsDevelopment() ? WithDetails : (Func<HttpContext, HealthReport, Task>)StatusOnly;
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = writer });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = writer });
        return app;
    }

    private static Task WithDetails(HttpContext context, HealthReport report) => WriteJson(context, new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    });

    private static Task StatusOnly(HttpContext context, HealthReport report) => WriteJson(context, new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
    });

    private static Task WriteJson(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

public sealed class DatabaseHealthCheck(KtpDatabase db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var connection = await db.System.OpenConnectionAsync(timeout.Token);
            var pending = await Migrator.PendingCountAsync(connection, timeout.Token);
            return pending == 0
                ? HealthCheckResult.Healthy("reachable, schema current")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.Message);
        }
    }
}

public sealed class ProjectionDaemonHealthCheck(IServiceProvider services, IConfiguration config) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!config.GetValue("Workers:Enabled", true)) return Task.FromResult(HealthCheckResult.Healthy("workers disabled on this node"));
        var coordinator = services.GetService<JasperFx.Events.Daemon.IProjectionCoordinator>();
        return Task.FromResult(coordinator is null
            ? HealthCheckResult.Unhealthy("projection daemon is not configured")
            : HealthCheckResult.Healthy("projection daemon configured (hot/cold)"));
    }
}
