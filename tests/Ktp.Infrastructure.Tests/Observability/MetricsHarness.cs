using System.Diagnostics.Metrics;
using Ktp.Infrastructure.Observability;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Ktp.Infrastructure.Tests.Observability;

/// <summary>A meter of its own plus a MeterProvider reading it (and any extra meters) into Prometheus text.</summary>
public sealed class MetricsHarness : IDisposable
{
    private readonly MeterProvider provider;

    public MetricsHarness(params string[] extraMeters)
    {
        Meter = new Meter("Ktp.Tests." + Guid.NewGuid().ToString("N"));
        provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter([Meter.Name, .. extraMeters])
            .AddReader(Exporter.CreateReader())
            .Build();
    }

    public Meter Meter { get; }

    public PrometheusTextExporter Exporter { get; } = new();

    public string Scrape() => Exporter.Scrape();

    public void Dispose()
    {
        provider.Dispose();
        Meter.Dispose();
    }
}
