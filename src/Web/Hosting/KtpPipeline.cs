using Ktp.Infrastructure.Observability;
using Ktp.Web.Admin;
using Ktp.Web.Api;
using Ktp.Web.Components;
using Ktp.Web.Health;
using Ktp.Web.Identity;
using Ktp.Web.Tenants;

namespace Ktp.Web.Hosting;

public static class KtpPipeline
{
    public static WebApplication UseKtp(this WebApplication app)
    {
        app.UseKtpRequestLogging();
        app.UseExceptionHandler("/status/500", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseKtpLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapKtpHealth();
        app.MapKtpMetrics();
        app.MapAccountEndpoints();
        app.MapTenantApi().MapUsersApi();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
