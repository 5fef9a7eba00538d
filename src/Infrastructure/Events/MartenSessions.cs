using Ktp.Infrastructure.Database;
using Marten;
using Marten.Services;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// Marten sessions always ride on one of our units of work: the caller's connection (app role with
/// row-level security, or the system role), its transaction and its tenant. A session never commits;
/// the unit of work does, with everything else it wrote.
/// </summary>
public static class MartenSessions
{
    public static IDocumentSession Open(IDocumentStore store, UnitOfWork uow, Guid? tenantId = null)
    {
        var options = SessionOptions.ForTransaction(uow.Transaction);
        var tenant = tenantId ?? uow.TenantId ?? throw new InvalidOperationException("A Marten session needs a tenant.");
        options.TenantId = TenantKey(tenant);
        return store.LightweightSession(options);
    }

    /// <summary>How a tenant is written in Marten's tenant_id columns (and in <c>app.tenant_id</c>).</summary>
    public static string TenantKey(Guid tenantId) => tenantId.ToString();
}
