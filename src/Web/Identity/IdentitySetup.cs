using Ktp.Domain.Access;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Identity;
using Ktp.Web.Tenants.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Identity;

public static class IdentitySetup
{
    public const string DefaultScheme = "ktp";

    public static IServiceCollection AddKtpAuthentication(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddDataProtection().SetApplicationName("ktp").ProtectKeysAtRest(config, environment);
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, PostgresKeyRepositorySetup>();

        // One default scheme that picks the API key handler when a key is presented, the OAuth client handler for
        // any other bearer token, else the cookie.
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Cookie, API key or OAuth client", o => o.ForwardDefaultSelector = ctx =>
                ApiKeyAuthenticationHandler.PresentedKey(ctx.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName
                : ApiClientAuthenticationHandler.PresentsToken(ctx.Request) ? ApiClientAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiClientAuthenticationHandler>(ApiClientAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddKtpApiClients(config);
        services.AddIdentityCore<KtpUser>(o =>
            {
                var password = config.GetSection("Security:Password");
                o.Password.RequiredLength = password.GetValue("RequiredLength", 10);
                o.Password.RequireDigit = password.GetValue("RequireDigit", true);
                o.Password.RequireUppercase = password.GetValue("RequireUppercase", true);
                o.Password.RequireLowercase = password.GetValue("RequireLowercase", true);
                o.Password.RequireNonAlphanumeric = password.GetValue("RequireNonAlphanumeric", false);
                var lockout = config.GetSection("Security:Lockout");
                o.Lockout.MaxFailedAccessAttempts = lockout.GetValue("MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.GetValue("Minutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.ClaimsIdentity.UserIdClaimType = System.Security.Claims.ClaimTypes.NameIdentifier;
            })
            .AddUserStore<UserStore>()
            .AddClaimsPrincipalFactory<KtpClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<KtpIdentityErrors>();

        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(config.GetValue("Security:StampValidationSeconds", 60)));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ktp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(config.GetValue("Security:SessionHours", 12));
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, TenantPaths.LoginFor(ctx.Request.Path, ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString), 401);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, null, 403);
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PrivilegePolicyProvider>();
        services.AddAuthorization();
        return services;
    }

    /// <summary>API calls get the status code; pages get the login page or the 403 page (status code pages).</summary>
    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, string? location, int status)
    {
        var isApi = ctx.Request.Path.Value?.Contains("/api/", StringComparison.Ordinal) == true
            || ctx.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
        if (location is null || isApi)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(location);
        return Task.CompletedTask;
    }
}

/// <summary>A policy per privilege: <c>[Authorize(Policy = Privilege.UsersManage)]</c>.</summary>
public sealed class PrivilegePolicyProvider(Microsoft.Extensions.Options.IOptions<AuthorizationOptions> options)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        Privilege.IsKnown(policyName)
            ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(KtpClaims.Privilege, policyName).Build()
            : await base.GetPolicyAsync(policyName);
}
