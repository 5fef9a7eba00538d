using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ktp.Infrastructure.Observability;

public static class ObservabilitySetup
{
    public static readonly string[] Meters =
        [KtpMetrics.MeterName, "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    /// <summary>Spans of the app, Marten (sessions, projections) and Wolverine (messages, handlers).</summary>
    public static readonly string[] ActivitySources = [KtpTracing.SourceName, "Marten", "Wolverine"];

    /// <summary>
    /// OpenTelemetry through its hosting package: metrics for the Prometheus exporter (plus OTLP when
    /// <c>Otlp:Endpoint</c> is set) and traces of ASP.NET Core, HttpClient, Npgsql, Marten and Wolverine,
    /// exported by OTLP when configured. Traces are recorded either way, so a request's trace id is the
    /// operation id of every log line it writes. <c>Otlp:Protocol</c> may be <c>grpc</c> (default) or <c>http/protobuf</c>.
    /// </summary>
    public static IServiceCollection AddKtpTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var otlp = OtlpSettings.From(configuration);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddKtpPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => otlp.Apply(options, "/v1/metrics"));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ActivitySources)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !NoisyPaths.Contains(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(options => otlp.Apply(options, "/v1/traces"));
                }
            });
        return services;
    }

    /// <summary>
    /// Maps GET /metrics to the Prometheus exposition (text 0.0.4, or OpenMetrics when the scraper asks for it)
    /// of the MeterProvider registered by <see cref="AddKtpTelemetry"/>. Other methods get 405.
    /// </summary>
    public static IEndpointConventionBuilder MapKtpMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));

    private sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol)
    {
        public static OtlpSettings? From(IConfiguration configuration)
        {
            var endpoint = configuration["Otlp:Endpoint"];
            if (string.IsNullOrWhiteSpace(endpoint))
            {
                return null;
            }

            var protocol = string.Equals(configuration["Otlp:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            return new OtlpSettings(new Uri(endpoint), protocol);
        }

        public void Apply(OtlpExporterOptions options, string httpPath)
        {
            options.Protocol = Protocol;
            options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + httpPath)
                : Endpoint;
        }
    }
}
