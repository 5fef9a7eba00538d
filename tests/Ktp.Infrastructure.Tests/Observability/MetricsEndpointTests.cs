using Ktp.Infrastructure.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_serves_prometheus_text_over_http()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddKtpLogging(builder.Configuration, "ktp-test");
        builder.Services.AddKtpTelemetry(builder.Configuration, "ktp-test");
        await using var app = builder.Build();
        app.UseKtpRequestLogging();
        app.MapGet("/inquiries/{id}", (int id) => $"inquiry {id}");
        app.MapKtpMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var page = await http.GetAsync("/inquiries/7");
        var scrape = await http.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        await app.StopAsync();

        page.Headers.GetValues("X-Request-Id").Single().ShouldMatch("^[0-9a-f]{32}$");
        scrape.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        text.ShouldContain("ktp_http_requests_total{method=\"GET\",route=\"/inquiries/{id}\",status=\"200\"} 1\n");
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram\n");
    }
}
