using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Billing;

/// <summary>
/// Schedules one rating job per tenant and finished day. Every node may run this: the job's key
/// (tenant, day) makes the second scheduling a no-op.
/// </summary>
public sealed class BillingScheduler(KtpDatabase db, BillingOptions options, TimeProvider clock, ILogger<BillingScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScheduleAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Could not schedule the daily rating");
            }
            try { await Task.Delay(options.SchedulerInterval, stoppingToken); } catch (OperationCanceledException) { }
        }
    }

    public async Task<int> ScheduleAsync(DateOnly day, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        var tenants = await uow.QueryAsync<Guid>("SELECT tenant_id FROM account_balances", ct: ct);
        var added = 0;
        foreach (var tenantId in tenants)
            if (await uow.ScheduleOnceAsync(KeyOf(day), new RateTenantDay(day), clock.GetUtcNow(), tenantId, ct))
                added++;
        await uow.CommitAsync(ct);
        return added;
    }

    /// <summary>One rating job per tenant and day.</summary>
    public static string KeyOf(DateOnly day) => "rate:" + day.ToString("yyyy-MM-dd");
}
