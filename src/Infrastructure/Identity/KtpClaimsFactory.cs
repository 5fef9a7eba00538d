using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ktp.Infrastructure.Identity;

/// <summary>Builds the sign-in principal: tenant, roles and the privileges of those roles as claims.</summary>
public sealed class KtpClaimsFactory(UserManager<KtpUser> users, IOptions<IdentityOptions> options, KtpDatabase db)
    : UserClaimsPrincipalFactory<KtpUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(KtpUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var uow = await db.BeginTenantAsync(user.TenantId);
        var tenant = await uow.QuerySingleAsync<TenantInfo>(
            "SELECT tenant_id AS TenantId, slug, name, culture, kind, state FROM tenants");
        var privileges = await UserRows.PrivilegesAsync(uow, user.UserId);

        identity.AddClaim(new Claim(KtpClaims.TenantId, tenant.TenantId.ToString()));
        identity.AddClaim(new Claim(KtpClaims.TenantSlug, tenant.Slug));
        identity.AddClaim(new Claim(KtpClaims.UserId, user.UserId.ToString()));
        identity.AddClaim(new Claim(KtpClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(KtpClaims.Culture, user.Culture ?? tenant.Culture));
        foreach (var role in user.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        // A customer tenant can never hold platform privileges, whatever its role table says.
        foreach (var privilege in privileges.Where(p => tenant.IsPlatform || p != Privilege.PlatformAdmin))
            identity.AddClaim(new Claim(KtpClaims.Privilege, privilege));
        return identity;
    }
}
