using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ktp.Web.Tenants;

/// <summary>A Blazor circuit has no HTTP request: its session comes from the signed-in user's claims.</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider auth, CurrentSession session, TenantDirectory directory) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        var slug = user.FindFirst(KtpClaims.TenantSlug)?.Value;
        var tenant = slug is null ? null : await directory.FindBySlugAsync(slug, ct);
        session.Set(tenant, user);
    }
}
