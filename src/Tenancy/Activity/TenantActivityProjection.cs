using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;

namespace Ktp.Tenancy.Activity;

/// <summary>Async: how many events each tenant wrote and when last (the SaaS admin's "last activity").</summary>
public sealed class TenantActivityProjection : IAsyncProjection
{
    public string Name => "tenant_activity";

    public bool Handles(string eventType) => true;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var tenant in events.GroupBy(e => e.TenantId))
            await uow.ExecuteAsync("""
                INSERT INTO tenant_activity (tenant_id, events_count, last_event_at) VALUES (@tenantId, @count, @last)
                ON CONFLICT (tenant_id) DO UPDATE SET events_count = tenant_activity.events_count + @count,
                  last_event_at = greatest(tenant_activity.last_event_at, @last)
                """, new { tenantId = tenant.Key, count = tenant.LongCount(), last = tenant.Max(e => e.CreatedAt) });
    }

    public Task ResetAsync(UnitOfWork uow, CancellationToken ct) => uow.ExecuteAsync("DELETE FROM tenant_activity");
}
