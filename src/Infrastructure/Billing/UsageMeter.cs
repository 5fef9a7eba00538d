using Ktp.Domain.Billing;
using System.Collections.Concurrent;
using Ktp.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Ktp.Infrastructure.Billing.Contracts;

namespace Ktp.Infrastructure.Billing;

/// <summary>
/// Counts usage in memory (API calls are too frequent to write one row each) and adds it to the
/// tenant's daily meters every few seconds. Other modules call <see cref="Add"/> as usage happens.
/// </summary>
public sealed class UsageMeter(KtpDatabase db, TimeProvider clock, ILogger<UsageMeter> logger) : BackgroundService, IUsageMeter
{
    private readonly ConcurrentDictionary<(Guid Tenant, DateOnly Day, string Kind), decimal> _pending = new();

    public void Add(Guid tenantId, UsageKind kind, decimal quantity = 1) =>
        _pending.AddOrUpdate((tenantId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), kind.ToString()), quantity, (_, q) => q + quantity);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { }
            try { await FlushAsync(CancellationToken.None); }
            catch (Exception e) { logger.LogError(e, "Could not write usage meters; will retry"); }
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var key in _pending.Keys.ToList())
        {
            if (!_pending.TryRemove(key, out var quantity)) continue;
            try
            {
                await using var uow = await db.BeginTenantAsync(key.Tenant, ct);
                await uow.ExecuteAsync("""
                    INSERT INTO usage_daily (day, kind, quantity) VALUES (@day, @kind, @quantity)
                    ON CONFLICT (tenant_id, day, kind) DO UPDATE SET quantity = usage_daily.quantity + excluded.quantity
                    """, new { day = key.Day.ToDateTime(TimeOnly.MinValue), key.Kind, quantity }, ct: ct);
                await uow.CommitAsync(ct);
            }
            catch
            {
                _pending.AddOrUpdate(key, quantity, (_, q) => q + quantity); // keep it for the next flush
                throw;
            }
        }
    }
}
