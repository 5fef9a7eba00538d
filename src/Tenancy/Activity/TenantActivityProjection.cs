using JasperFx.Events;
using Ktp.Infrastructure.Projections;
using Marten;

namespace Ktp.Tenancy.Activity;

/// <summary>Async: how many events each tenant wrote and when last (the SaaS admin's "last activity").</summary>
public sealed class TenantActivityProjection : IAsyncProjection
{
    public string Name => "tenant_activity";

    public string Table => "public.tenant_activity";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var tenant in events.GroupBy(e => e.TenantId))
        {
            if (!Guid.TryParse(tenant.Key, out var tenantId)) continue;
            operations.QueueSqlCommand("""
                INSERT INTO tenant_activity (tenant_id, events_count, last_event_at) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET events_count = tenant_activity.events_count + excluded.events_count,
                  last_event_at = greatest(tenant_activity.last_event_at, excluded.last_event_at)
                """, tenantId, tenant.LongCount(), tenant.Max(e => e.Timestamp));
        }
        return Task.CompletedTask;
    }
}
