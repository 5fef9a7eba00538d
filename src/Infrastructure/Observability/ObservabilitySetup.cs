using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ktp.Infrastructure.Observability;

public static class ObservabilitySetup
{
    public static readonly string[] Meters =
        [KtpMetrics.MeterName, "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static readonly string[] ActivitySources =
        [KtpTracing.SourceName, "Npgsql", "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>
    /// Registers a MeterProvider (OpenTelemetry's Prometheus exporter, plus OTLP when <c>Otlp:Endpoint</c> is set)
    /// and, with OTLP, a TracerProvider. Both are singletons built at host start and disposed at
    /// shutdown. <c>Otlp:Protocol</c> may be <c>grpc</c> (default) or <c>http/protobuf</c>.
    /// </summary>
    public static IServiceCollection AddKtpTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var otlp = OtlpSettings.From(configuration);
        services.AddSingleton(_ =>
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .AddMeter(Meters)
                .AddKtpPrometheusExporter();
            if (otlp is not null)
            {
                builder.AddOtlpExporter(options => otlp.Apply(options, "/v1/metrics"));
            }

            return builder.Build();
        });

        if (otlp is not null)
        {
            services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .AddSource(ActivitySources)
                .AddOtlpExporter(options => otlp.Apply(options, "/v1/traces"))
                .Build());
        }

        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    /// <summary>
    /// Maps GET /metrics to the Prometheus exposition (text 0.0.4, or OpenMetrics when the scraper asks for it)
    /// of the MeterProvider registered by <see cref="AddKtpTelemetry"/>. Other methods get 405.
    /// </summary>
    public static IEndpointConventionBuilder MapKtpMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));

    /// <summary>Builds the providers when the host starts, so listening begins before the first request.</summary>
    private sealed class TelemetryStarter(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<MeterProvider>();
            services.GetService<TracerProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

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
