using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Tenancy.Tenants;

namespace Ktp.Tenancy.Platform;

public sealed record TenantSummary(Guid TenantId, string Slug, string Name, string State, DateTime CreatedAt, long Users, long Events, DateTime? LastActivity);

/// <summary>
/// The SaaS admin's view across tenants: the one place that reads every tenant's rows, through the
/// system role, only for platform admins, and every read is written to the platform audit log.
/// </summary>
public sealed class PlatformTenants(KtpDatabase db, CurrentSession session)
{
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.PlatformAdmin);
        if (session.Tenant?.IsPlatform != true) throw new Domain.Common.ForbiddenException(Privilege.PlatformAdmin);
        await using var uow = await db.BeginSystemAsync(ct);
        var rows = (await uow.QueryAsync<TenantSummary>("""
            SELECT t.tenant_id AS TenantId, t.slug, t.name, t.state, t.created_at AS CreatedAt,
                   (SELECT count(*) FROM users u WHERE u.tenant_id = t.tenant_id) AS Users,
                   coalesce(a.events_count, 0) AS Events, a.last_event_at AS LastActivity
            FROM tenants t LEFT JOIN tenant_activity a USING (tenant_id)
            WHERE t.kind = 'customer' AND (@search::text IS NULL OR t.name ILIKE '%' || @search || '%' OR t.slug ILIKE '%' || @search || '%')
            ORDER BY t.created_at DESC LIMIT 500
            """, new { search = string.IsNullOrWhiteSpace(search) ? null : search.Trim() })).ToList();
        await AuditAsync(uow, "tenants.list", null, new { search });
        await uow.CommitAsync(ct);
        return rows;
    }

    private Task AuditAsync(UnitOfWork uow, string action, Guid? target, object details) =>
        uow.ExecuteAsync("INSERT INTO platform_audit (actor, action, target_tenant, details) VALUES (@actor, @action, @target, @details::jsonb)",
            new { actor = session.UserName ?? "unknown", action, target, details = JsonSerializer.Serialize(details) });
}
