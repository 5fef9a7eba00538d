using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Ktp.Infrastructure.Observability;

/// <summary>
/// Pull exporter for Prometheus: each <see cref="Scrape"/> asks the reader to collect, and the
/// exported batch is rendered to text while its metric points are still valid.
/// Attach with <see cref="CreateReader"/>.
/// </summary>
[ExportModes(ExportModes.Pull)]
public sealed class PrometheusTextExporter : BaseExporter<Metric>, IPullMetricExporter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock gate = new();
    private string latest = "";

    /// <summary>Set by <see cref="BaseExportingMetricReader"/>: collects inside a pull scope.</summary>
    public Func<int, bool>? Collect { get; set; }

    /// <summary>A cumulative reader for this exporter, to pass to <c>MeterProviderBuilder.AddReader</c>.</summary>
    public MetricReader CreateReader() =>
        new BaseExportingMetricReader(this) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };

    /// <summary>Collects all metrics now and returns them in Prometheus text format.</summary>
    public string Scrape(int timeoutMilliseconds = 10_000)
    {
        var collect = Collect ?? throw new InvalidOperationException(
            "The Prometheus exporter is not attached to a MeterProvider (use CreateReader).");
        lock (gate)
        {
            latest = "";
            collect(timeoutMilliseconds);
            return latest;
        }
    }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        latest = PrometheusTextWriter.Render(batch);
        return ExportResult.Success;
    }
}
