using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Tenancy.Billing;

/// <summary>
/// Puts one rating job per tenant and finished day into the outbox. Every node may run this: the
/// outbox's unique (tenant, kind, key) makes the second insert a no-op.
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
        var tenants = await uow.QueryAsync<Guid>("SELECT tenant_id FROM account_balances");
        var added = 0;
        foreach (var tenantId in tenants)
            if (await uow.EnqueueAsync(RateDay.KindName, new RateDayPayload(day), dedupeKey: "rate:" + day.ToString("yyyy-MM-dd"), tenantId: tenantId))
                added++;
        await uow.CommitAsync(ct);
        return added;
    }
}
