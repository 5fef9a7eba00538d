using Ktp.Infrastructure.Observability;
using Ktp.Web.Api;
using Ktp.Web.Components;
using Ktp.Web.Health;
using Ktp.Web.Tenants;

namespace Ktp.Web.Hosting;

public static class KtpPipeline
{
    public static WebApplication UseKtp(this WebApplication app)
    {
        app.UseKtpRequestLogging();
        // API callers get problem details (JSON); people get the status pages.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), ui => ui.UseExceptionHandler("/status/500", createScopeForErrors: true).UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRouting(); // after the status pages, so a re-executed request is routed again
        app.UseKtpConcurrencyLimit();
        app.UseAuthentication();
        app.UseKtpIntegrationRateLimit();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseKtpLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseKtpMetricsToken();

        app.MapKtpHealth();
        app.MapKtpMetrics();
        var tenantApi = app.MapTenantApi();
        foreach (var module in KtpModules.All) module.MapEndpoints(app, tenantApi);
        app.MapKtpOpenApi();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.Value?.Contains("/api/", StringComparison.Ordinal) == true;
}
