using System.Security.Claims;
using System.Text.Encodings.Web;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Contracts;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ktp.Web.Identity;

/// <summary>
/// Calls with <c>Authorization: Bearer &lt;access token&gt;</c>: OpenIddict validates the token, then the client is looked
/// up on every call, so revoking it or its expiry refuses tokens already given out. The token's workspace and
/// privileges become the principal's, so the same policies apply as for people and API keys.
/// </summary>
public sealed class ApiClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiClientVerifier verifier, IUsageMeter usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiClient";

    public static bool PresentsToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var validated = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!validated.Succeeded)
        {
            Logger.LogWarning("Refused an invalid or expired access token");
            return AuthenticateResult.Fail("The access token is invalid or expired.");
        }
        var token = validated.Principal;
        var client = await verifier.FindActiveAsync(token.FindFirstValue(Claims.Subject), Context.RequestAborted);
        if (client is null || client.TenantId.ToString() != token.FindFirstValue(KtpClaims.TenantId))
        {
            Logger.LogWarning("Refused a token of a revoked or expired client ({ClientId})", token.FindFirstValue(Claims.Subject));
            return AuthenticateResult.Fail("The client was revoked or has expired.");
        }
        usage.Add(client.TenantId, UsageKind.ApiCalls); // metered for billing
        // Only privileges the client still holds, of those its token was given.
        var privileges = token.FindAll(KtpClaims.Privilege).Select(c => c.Value).Intersect(client.Scopes);
        return AuthenticateResult.Success(IntegrationTicket.For(SchemeName, client.TenantId, client.Slug, "api-client:" + client.ClientId, privileges));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
