using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Ktp.Web.Tests.Health;

/// <summary>The app outside Development, with a metrics token configured.</summary>
public sealed class StagingKtpHost : KtpHost
{
    public const string MetricsToken = "metrics-token-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Staging");
        builder.UseSetting("Metrics:Token", MetricsToken);
        builder.UseSetting("DataProtection:Certificate", Ktp.Web.Identity.KeyRingProtection.NewCertificate());
    }
}

public sealed class OperationsEndpointsTests(StagingKtpHost app) : IClassFixture<StagingKtpHost>
{
    [Fact]
    public async Task Outside_development_a_request_for_another_host_is_refused()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/t/demo/forgot-password");
            s.ConfigureHttpContext(context => context.Request.Host = new HostString("attacker.example"));
            s.StatusCodeShouldBe(400);
        });
        // the public URL's host is served
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/t/demo/forgot-password");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task Outside_development_metrics_need_the_token()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(401);
        });
        await ScrapeAsync("not-the-token", 401);

        var scraped = await ScrapeAsync(StagingKtpHost.MetricsToken, 200);
        scraped.MediaType().ShouldBe("text/plain");
    }

    [Fact]
    public async Task Outside_development_readiness_answers_statuses_without_details()
    {
        var ready = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(200);
        });
        var body = await ready.ReadAsTextAsync();
        body.ShouldContain("\"database\":\"Healthy\"");
        body.ShouldNotContain("reachable");
        body.ShouldNotContain("description");
    }

    private Task<IScenarioResult> ScrapeAsync(string token, int status) =>
        app.Host.CallAsync(token, s => s.Get.Url("/metrics"), status);
}
