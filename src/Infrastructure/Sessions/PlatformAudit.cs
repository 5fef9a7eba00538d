using System.Text.Json;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Sessions;

/// <summary>Every read and action of a SaaS admin across tenants leaves a row: who, what, which tenant, details.</summary>
public static class PlatformAudit
{
    public static Task RecordAsync(UnitOfWork uow, string actor, string action, Guid? target, object details, CancellationToken ct = default) =>
        uow.ExecuteAsync("INSERT INTO platform_audit (actor, action, target_tenant, details) VALUES (@actor, @action, @target, @details::jsonb)",
            new { actor, action, target, details = JsonSerializer.Serialize(details) }, ct);
}
