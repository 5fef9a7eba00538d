using System.Security.Claims;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;

namespace Ktp.Web.Identity;

/// <summary>The principal of a calling system (API key or OAuth client): its workspace and privileges, so the same policies apply as for people.</summary>
public static class IntegrationTicket
{
    public static AuthenticationTicket For(string scheme, Guid tenantId, string slug, string caller, IEnumerable<string> privileges)
    {
        var claims = new List<Claim>
        {
            new(KtpClaims.TenantId, tenantId.ToString()),
            new(KtpClaims.TenantSlug, slug),
            new(KtpClaims.DisplayName, caller),
            new(ClaimTypes.NameIdentifier, caller),
        };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, scheme)), scheme);
    }
}
