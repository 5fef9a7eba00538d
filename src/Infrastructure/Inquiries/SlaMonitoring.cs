using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries;

public sealed record QueueSla(string? QueueCode, long Open, long Breached, long DueSoon, long InWork);

/// <summary>The manager's view of deadlines: per queue, how many are open, breached, and due within the next hour.</summary>
public sealed class SlaMonitoring(CurrentSession session, TimeProvider clock)
{
    public async Task<IReadOnlyList<QueueSla>> ByQueueAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsMonitor);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<QueueSla>($"""
            SELECT queue_code AS QueueCode, count(*) AS Open, count(*) FILTER (WHERE sla_breached) AS Breached,
                   count(*) FILTER (WHERE NOT sla_breached AND sla_due_at < @soon) AS DueSoon,
                   count(*) FILTER (WHERE status = {InquiryStatusSql.InWork}) AS InWork
            FROM inquiries WHERE project_id = @projectId AND status IN {InquiryStatusSql.Open}
            GROUP BY queue_code ORDER BY queue_code
            """, new { projectId, soon = clock.GetUtcNow().AddHours(1) }, ct: ct)).ToList();
    }

    public async Task<IReadOnlyList<InquiryRow>> BreachedAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsMonitor);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>($"""
            SELECT {InquiryQueries.RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
            WHERE i.project_id = @projectId AND i.sla_breached AND i.status NOT IN {InquiryStatusSql.Finished}
            ORDER BY i.sla_due_at LIMIT 200
            """, new { projectId }, ct: ct)).ToList();
    }
}
