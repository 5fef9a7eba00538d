using System.Diagnostics.Metrics;
using Ktp.Infrastructure.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Ktp.Infrastructure.Tests.Observability;

/// <summary>
/// A meter of its own plus a MeterProvider reading it (and any extra meters), served by
/// <see cref="ObservabilitySetup.MapKtpMetrics"/> on a loopback port and scraped over HTTP.
/// </summary>
public sealed class MetricsHarness : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient http;

    private MetricsHarness(Meter meter, WebApplication app, HttpClient http)
    {
        Meter = meter;
        this.app = app;
        this.http = http;
    }

    public Meter Meter { get; }

    public static async Task<MetricsHarness> StartAsync(params string[] extraMeters)
    {
        var meter = new Meter("Ktp.Tests." + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // No response cache: a scrape right after a change must see it.
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .AddMeter([meter.Name, .. extraMeters])
            .AddKtpPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build());
        var app = builder.Build();
        app.MapKtpMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetricsHarness(meter, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<string> ScrapeAsync()
    {
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
        Meter.Dispose();
    }
}
