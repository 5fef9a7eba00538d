using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// Automatic archiving: closed inquiries older than their project's archive period get an
/// <see cref="InquiryArchived"/> event and their streams move out of the hot tables (still readable).
/// Runs on every node; archiving an inquiry twice changes nothing.
/// </summary>
public sealed class InquiryArchiver(KtpDatabase db, InquiryStream inquiries, StreamArchiver archiver, IProjectConfiguration projects,
    TimeProvider clock, ILogger<InquiryArchiver> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { logger.LogError(e, "Inquiry archiving sweep failed"); }
            try { await Task.Delay(TimeSpan.FromMinutes(15), stoppingToken); } catch (OperationCanceledException) { }
        }
    }

    /// <returns>How many inquiry streams were moved to the archive.</returns>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<(Guid TenantId, Guid InquiryId)> due;
        await using (var scan = await db.BeginSystemAsync(ct))
        {
            var periods = await projects.ArchivePeriodsAsync(scan, ct);
            due = (await scan.QueryAsync<(Guid, Guid)>($"""
                SELECT i.tenant_id, i.inquiry_id
                FROM unnest(@tenants, @projectIds, @days) AS p(tenant_id, project_id, days)
                JOIN inquiries i ON i.tenant_id = p.tenant_id AND i.project_id = p.project_id
                WHERE i.status IN {InquiryStatusSql.Finished} AND i.closed_at < @now - make_interval(days => p.days)
                  AND EXISTS (SELECT 1 FROM es.mt_streams s WHERE s.tenant_id = i.tenant_id::text AND s.id = i.inquiry_id AND NOT s.is_archived)
                LIMIT 1000
                """, new
            {
                now,
                tenants = periods.Select(p => p.TenantId).ToArray(),
                projectIds = periods.Select(p => p.ProjectId).ToArray(),
                days = periods.Select(p => p.Days).ToArray(),
            }, ct)).ToList();
        }
        var moved = 0;
        foreach (var (tenantId, inquiryId) in due)
        {
            await using (var uow = await db.BeginTenantAsync(tenantId, ct))
            {
                await inquiries.DecideAsync(uow, inquiryId, new EventMetadata(UserName: "archiver"), ct, new ArchiveInquiry(Actor.System, now));
                await uow.CommitAsync(ct);
            }
            if (await archiver.ArchiveAsync(tenantId, inquiryId, ct) == ArchiveResult.Archived) moved++;
        }
        return moved;
    }
}
