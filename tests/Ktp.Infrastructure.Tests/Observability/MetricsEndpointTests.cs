using System.Net;
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
    public async Task Metrics_endpoint_serves_prometheus_text_over_http_get_only()
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
        KtpMetrics.RecordAppend(2, 0.01);
        var scrape = await http.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        var post = await http.PostAsync("/metrics", null);
        await app.StopAsync();

        page.Headers.GetValues("X-Request-Id").Single().ShouldMatch("^[0-9a-f]{32}$");
        scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        scrape.Content.Headers.ContentType.Parameters.ShouldContain(p => p.Name == "version" && p.Value == "0.0.4");
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram\n");
        text.Split('\n').ShouldContain(line => line.StartsWith("http_server_request_duration_seconds_count{")
            && line.Contains("http_route=\"/inquiries/{id}\"") && line.Contains("http_response_status_code=\"200\"") && line.EndsWith(" 1"));
        post.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        text.ShouldContain("ktp_eventstore_appends_total{otel_scope_name=\"Ktp\"} ");
    }
}
