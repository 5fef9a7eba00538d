using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;

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
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/t/demo/forgot-password");
        forged.Headers.Host = "attacker.example";
        (await app.Browser().SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Browser().GetAsync("/t/demo/forgot-password")).StatusCode.ShouldBe(HttpStatusCode.OK, "the public URL's host is served");
    }

    [Fact]
    public async Task Outside_development_metrics_need_the_token()
    {
        (await app.Browser().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Scraper("not-the-token").GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var scraped = await Scraper(StagingKtpHost.MetricsToken).GetAsync("/metrics");
        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        scraped.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task Outside_development_readiness_answers_statuses_without_details()
    {
        var ready = await app.Browser().GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ready.Content.ReadAsStringAsync();
        body.ShouldContain("\"database\":\"Healthy\"");
        body.ShouldNotContain("reachable");
        body.ShouldNotContain("description");
    }

    private HttpClient Scraper(string token)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
