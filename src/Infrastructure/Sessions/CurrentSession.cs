using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Sessions;

/// <summary>
/// Who is acting, for which tenant: set once per HTTP request (tenant resolution middleware) or per
/// Blazor circuit (from the signed-in user's claims). Handlers open their unit of work through it.
/// </summary>
public sealed class CurrentSession(KtpDatabase db)
{
    public TenantInfo? Tenant { get; private set; }
    public ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    public Guid TenantId => Tenant?.TenantId ?? throw new InvalidOperationException("No tenant is set for this request.");

    public Guid? UserId => Guid.TryParse(User.FindFirstValue(KtpClaims.UserId), out var id) ? id : null;

    public string? UserName => User.FindFirstValue(KtpClaims.DisplayName) ?? User.Identity?.Name;

    public string? ClientIp { get; private set; }

    public void Set(TenantInfo? tenant, ClaimsPrincipal user, string? clientIp = null)
    {
        Tenant = tenant;
        User = user;
        ClientIp = clientIp;
    }

    public bool Has(string privilege) => User.HasClaim(KtpClaims.Privilege, privilege);

    /// <summary>Handlers call this first: pages and endpoints check too, but the handler is the last line.</summary>
    public void Demand(string privilege)
    {
        if (!Has(privilege)) throw new ForbiddenException(privilege);
    }

    /// <summary>
    /// Nobody grants (through a user's roles or an API key's scopes) a privilege they do not hold themselves. Refused as
    /// bad input, so the page and the API say what was wrong. Role management counts as holding every tenant privilege:
    /// whoever has it can put any privilege into their own role anyway.
    /// </summary>
    public void DemandCanGrant(IEnumerable<string> privileges, string field = "Privileges")
    {
        if (!privileges.All(CanGrant))
            throw new ValidationFailedException(field, "You cannot grant privileges you do not hold yourself.");
    }

    public bool CanGrant(string privilege) =>
        Has(privilege) || (Has(Privilege.RolesManage) && Privilege.TenantPrivileges.Contains(privilege));

    public Task<UnitOfWork> BeginAsync(CancellationToken ct = default) => db.BeginTenantAsync(TenantId, ct);

    /// <summary>One statement as this tenant, committed at once (<see cref="KtpDatabase.ScalarAsTenantAsync{T}"/>).</summary>
    public Task<T> ScalarAsync<T>(string sql, object[] parameters, CancellationToken ct = default) => db.ScalarAsTenantAsync<T>(TenantId, sql, parameters, ct);

    public EventMetadata Metadata(Guid? causationId = null) =>
        new(UserId, UserName, Guid.NewGuid(), causationId, ClientIp);
}
