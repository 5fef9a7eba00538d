using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Ktp.Infrastructure.Observability;

public static class KtpPrometheus
{
    /// <summary>
    /// Adds OpenTelemetry's Prometheus exporter (served by <see cref="ObservabilitySetup.MapKtpMetrics"/>)
    /// and the views that keep the scrape valid for <c>promtool check metrics</c>.
    /// </summary>
    public static MeterProviderBuilder AddKtpPrometheusExporter(
        this MeterProviderBuilder builder, Action<PrometheusAspNetCoreOptions>? configure = null) =>
        builder
            // Npgsql's connection gauge would be exported as db_client_connection_count, and Prometheus keeps
            // the _count suffix for histograms; the name it had before stays, so dashboards keep working.
            .AddView("db.client.connection.count", "db.client.connection.count.value")
            .AddPrometheusExporter(configure ?? (_ => { }));
}
