using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Ktp.Web.Identity;

/// <summary>
/// OAuth 2.0 client credentials for integrations on OpenIddict: <c>POST /connect/token</c> with a client's id and
/// secret gives an access token for <c>/t/{slug}/api/v1/…</c>. Clients live in our own <c>api_clients</c> table under
/// row-level security, so OpenIddict runs in degraded mode with the two handlers below checking and issuing.
/// </summary>
public static class ApiClientTokens
{
    public const string TokenPath = "/connect/token";
    private const string ClientProperty = "ktp:api_client";

    public static IServiceCollection AddKtpApiClients(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ApiClientVerifier>();
        services.AddScoped<ApiClientAdmin>();
        services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([.. Privilege.TenantPrivileges]); // a scope is a privilege
                o.EnableDegradedMode();
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(config.GetValue("Security:ApiTokenMinutes", 15)));
                // Access tokens are sealed with ASP.NET Core Data Protection, whose keys all nodes share in PostgreSQL.
                // OpenIddict still demands signing and encryption keys at start; no token is ever made with these.
                o.UseDataProtection();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // TLS ends at the load balancer; the app itself is served over plain HTTP.
                o.UseAspNetCore().DisableTransportSecurityRequirement();
                o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<CheckClientCredentials>());
                o.AddEventHandler<HandleTokenRequestContext>(h => h.UseSingletonHandler<IssueClientToken>());
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseDataProtection();
                o.UseAspNetCore();
            });
        return services;
    }

    /// <summary>The client's id and secret match an active client, and it asks for no more than it holds.</summary>
    public sealed class CheckClientCredentials(ApiClientVerifier verifier, ILogger<CheckClientCredentials> log) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            if (!context.Request.IsClientCredentialsGrantType())
            {
                context.Reject(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
                return;
            }
            var client = await verifier.AuthenticateAsync(context.ClientId, context.Request.ClientSecret, context.CancellationToken);
            if (client is null)
            {
                log.LogWarning("Refused a token request for an unknown, revoked or expired client or a wrong secret ({ClientId})", context.ClientId);
                context.Reject(Errors.InvalidClient, "The client is unknown, revoked or expired, or the secret is wrong.");
                return;
            }
            var beyond = context.Request.GetScopes().Except(client.Scopes).ToList();
            if (beyond.Count > 0)
            {
                log.LogWarning("Client {ClientId} asked for scopes it does not hold: {Scopes}", client.ClientId, beyond);
                context.Reject(Errors.InvalidScope, "The client does not hold: " + string.Join(" ", beyond));
                return;
            }
            context.Transaction.Properties[ClientProperty] = client;
        }
    }

    /// <summary>The token carries the client, its workspace and the privileges asked for (all the client's when none are named).</summary>
    public sealed class IssueClientToken : IOpenIddictServerHandler<HandleTokenRequestContext>
    {
        public ValueTask HandleAsync(HandleTokenRequestContext context)
        {
            var client = (ActiveApiClient)context.Transaction.Properties[ClientProperty]!;
            var asked = context.Request.GetScopes();
            var granted = asked.IsEmpty ? client.Scopes : client.Scopes.Where(asked.Contains).ToArray();

            var identity = new ClaimsIdentity(ApiClientAuthenticationHandler.SchemeName, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(KtpClaims.TenantId, client.TenantId.ToString())
                .SetClaim(KtpClaims.TenantSlug, client.Slug)
                .SetClaims(KtpClaims.Privilege, [.. granted]);
            identity.SetScopes(granted);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            context.SignIn(new ClaimsPrincipal(identity));
            return ValueTask.CompletedTask;
        }
    }
}
