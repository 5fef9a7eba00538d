using System.Security.Claims;
using Ktp.Web.Tenants.Contracts;
using Ktp.Infrastructure.Sessions;

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
            if (tenant.IsSuspended && !SuspensionAllows(context.Request.Path, slug))
            {
                await RefuseSuspendedAsync(context, slug);
                return;
            }
        }
        else if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(KtpClaims.TenantSlug) is { } userSlug)
        {
            tenant = await directory.FindBySlugAsync(userSlug, context.RequestAborted);
        }
        session.Set(tenant, context.User, context.Connection.RemoteIpAddress?.ToString());
        await next(context);
    }

    /// <summary>A suspended workspace keeps its data; people can still sign in, see billing and top up.</summary>
    private static bool SuspensionAllows(PathString path, string slug)
    {
        var rest = path.Value![($"/t/{slug}".Length)..];
        return rest is "/suspended" or "/login" or "/logout" or "/forgot-password" or "/reset-password" or "/dev/mailbox"
            || rest.StartsWith("/billing", StringComparison.Ordinal);
    }

    private static async Task RefuseSuspendedAsync(HttpContext context, string slug)
    {
        if (context.Request.Path.Value!.Contains("/api/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status402PaymentRequired;
            await context.Response.WriteAsJsonAsync(new
            {
                type = "https://ktp.local/problems/suspended",
                title = "Workspace suspended",
                status = 402,
                detail = "The workspace is suspended for an unpaid balance. Top up the account to resume; no data was lost.",
            }, options: null, contentType: "application/problem+json");
            return;
        }
        context.Response.Redirect($"/t/{slug}/suspended");
    }
}
