using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Contracts;
using System.Text.Encodings.Web;
using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ktp.Web.Identity;

/// <summary>
/// Integrations authenticate with <c>Authorization: Bearer ktp_…</c> (or <c>X-Api-Key</c>). The key's
/// tenant and scopes become the principal's tenant and privileges, so the same policies apply.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier, IUsageMeter usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header)) return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ktp_", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        var verified = await verifier.VerifyAsync(key, Context.RequestAborted);
        if (verified is null)
        {
            Logger.LogWarning("Refused an unknown, malformed or revoked API key");
            return AuthenticateResult.Fail("Invalid API key.");
        }
        usage.Add(verified.TenantId, UsageKind.ApiCalls); // metered for billing
        return AuthenticateResult.Success(IntegrationTicket.For(SchemeName, verified.TenantId, verified.Slug, "api-key:" + verified.KeyId, verified.Scopes));
    }
}
