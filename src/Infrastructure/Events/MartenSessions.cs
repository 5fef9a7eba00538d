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
    public static async Task<IDocumentSession> OpenAsync(IDocumentStore store, UnitOfWork uow, Guid? tenantId = null, CancellationToken ct = default)
    {
        await uow.ReadyAsync(ct);
        return Open(store, uow, tenantId);
    }

    /// <summary>
    /// A session that only writes: if the unit of work has not sent its tenant setting yet, the setting goes at the
    /// head of the session's batch, so the append and the setting are one round trip.
    /// </summary>
    public static IDocumentSession OpenForWriting(IDocumentStore store, UnitOfWork uow)
    {
        var session = Open(store, uow, null);
        if (uow.TakeTenantSetting(out var tenantId))
            session.QueueOperation(new TenantSettingOperation(tenantId));
        return session;
    }

    private static IDocumentSession Open(IDocumentStore store, UnitOfWork uow, Guid? tenantId)
    {
        var options = SessionOptions.ForTransaction(uow.Transaction);
        var tenant = tenantId ?? uow.TenantId ?? throw new InvalidOperationException("A Marten session needs a tenant.");
        options.TenantId = TenantKey(tenant);
        return store.LightweightSession(options);
    }

    /// <summary>How a tenant is written in Marten's tenant_id columns (and in <c>app.tenant_id</c>).</summary>
    public static string TenantKey(Guid tenantId) => tenantId.ToString();
}
