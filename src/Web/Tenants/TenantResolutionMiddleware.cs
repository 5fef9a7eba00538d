using System.Security.Claims;
using Ktp.Tenancy.Tenants;

namespace Ktp.Web.Tenants;

/// <summary>
/// Resolves <c>/t/{slug}/</c> to a tenant (404 when unknown) and sets the request's session. A user
/// signed in to another tenant counts as anonymous here, so they are asked to sign in to this one.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantDirectory directory, CurrentSession session)
    {
        var slug = TenantPaths.SlugOf(context.Request.Path);
        TenantInfo? tenant = null;
        if (slug is not null)
        {
            tenant = await directory.FindBySlugAsync(slug, context.RequestAborted);
            if (tenant is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(KtpClaims.TenantId) != tenant.TenantId.ToString())
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        else if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(KtpClaims.TenantSlug) is { } userSlug)
        {
            tenant = await directory.FindBySlugAsync(userSlug, context.RequestAborted);
        }
        session.Set(tenant, context.User, context.Connection.RemoteIpAddress?.ToString());
        await next(context);
    }
}
