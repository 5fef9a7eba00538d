using System.Collections.Concurrent;
using Dapper;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Sessions;

/// <summary>Finds tenants by slug (before any tenant is set) with a short cache.</summary>
public sealed class TenantDirectory(KtpDatabase db, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (TenantInfo? Tenant, DateTimeOffset At)> _bySlug = new();

    public async Task<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        slug = slug.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        if (_bySlug.TryGetValue(slug, out var hit) && now - hit.At < CacheFor) return hit.Tenant;
        await using var connection = await db.App.OpenConnectionAsync(ct);
        var tenant = await connection.QuerySingleOrDefaultAsync<TenantInfo>(
            "SELECT tenant_id AS TenantId, slug, name, culture, kind, state FROM ktp_resolve_tenant(@slug)", new { slug });
        _bySlug[slug] = (tenant, now);
        return tenant;
    }

    public void Forget(string slug) => _bySlug.TryRemove(slug, out _);

    /// <summary>The slug of the unit of work's tenant.</summary>
    public static Task<string> SlugAsync(UnitOfWork uow, CancellationToken ct = default) =>
        uow.QuerySingleAsync<string>("SELECT slug FROM tenants", null, ct);

    /// <summary>Suspends or resumes the unit of work's tenant (billing decides; sign-in and pages read the state).</summary>
    public static Task SetSuspendedAsync(UnitOfWork uow, bool suspended, CancellationToken ct = default) =>
        uow.ExecuteAsync("UPDATE tenants SET state = CASE WHEN @suspended THEN 'suspended' ELSE 'active' END", new { suspended }, ct);
}
