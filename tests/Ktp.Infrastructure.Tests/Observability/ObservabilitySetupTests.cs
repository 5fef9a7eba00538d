using System.Text.Json;
using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class ObservabilitySetupTests
{
    [Fact]
    public async Task Telemetry_starts_with_the_host_and_listens_to_marten_and_wolverine_spans()
    {
        var services = new ServiceCollection();
        services.AddKtpTelemetry(Configuration([]), "ktp-test");
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        provider.GetService<MeterProvider>().ShouldNotBeNull();
        provider.GetService<TracerProvider>().ShouldNotBeNull();
        foreach (var source in new[] { "Marten", "Wolverine", KtpTracing.SourceName })
        {
            using var activity = new System.Diagnostics.ActivitySource(source).StartActivity("probe");
            activity.ShouldNotBeNull($"spans of {source} are recorded");
        }

        using var other = new System.Diagnostics.ActivitySource("Some.Other.Library").StartActivity("probe");
        other.ShouldBeNull();
    }

    [Fact]
    public async Task Otlp_endpoint_adds_a_tracer_provider()
    {
        var services = new ServiceCollection();
        services.AddKtpTelemetry(Configuration(new() { ["Otlp:Endpoint"] = "http://127.0.0.1:4317" }), "ktp-test");
        await using var provider = services.BuildServiceProvider();

        provider.GetService<TracerProvider>().ShouldNotBeNull();
        provider.GetService<MeterProvider>().ShouldNotBeNull();
    }

    [Fact]
    public void Logging_levels_come_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddKtpLogging(Configuration(new() { ["Logging:MinimumLevel"] = "Debug" }), "ktp-test"));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Ktp.Inquiries").IsEnabled(LogLevel.Debug).ShouldBeTrue();
        factory.CreateLogger("Ktp.Inquiries").IsEnabled(LogLevel.Trace).ShouldBeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information).ShouldBeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning).ShouldBeTrue();
    }

    [Fact]
    public void Logging_defaults_to_information_and_accepts_overrides()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new() { ["Logging:Overrides:Npgsql"] = "Error" });
        services.AddLogging(logging => logging.AddKtpLogging(configuration, "ktp-test"));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Ktp.Inquiries").IsEnabled(LogLevel.Information).ShouldBeTrue();
        factory.CreateLogger("Ktp.Inquiries").IsEnabled(LogLevel.Debug).ShouldBeFalse();
        factory.CreateLogger("Npgsql.Connection").IsEnabled(LogLevel.Warning).ShouldBeFalse();
    }

    [Fact]
    public void Logging_writes_json_lines_to_standard_output()
    {
        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddKtpLogging(Configuration([]), "ktp-web"));
            using (var provider = services.BuildServiceProvider())
            {
                provider.GetRequiredService<ILogger<ObservabilitySetupTests>>().LogInformation("Started {Node}", "node-1");
            }
        }
        finally
        {
            Console.SetOut(previous);
        }

        var json = JsonDocument.Parse(output.ToString().Trim()).RootElement;
        json.GetProperty("service_name").GetString().ShouldBe("ktp-web");
        json.GetProperty("type").GetString().ShouldBe(typeof(ObservabilitySetupTests).FullName);
        json.GetProperty("message").GetString().ShouldBe("Started node-1");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
