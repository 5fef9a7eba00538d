using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ktp.Infrastructure.Observability;

public static class LoggingSetup
{
    /// <summary>
    /// Replaces the logging providers with Serilog (Serilog.AspNetCore) writing one JSON line per event to stdout.
    /// <c>Logging:MinimumLevel</c> sets the level (default Information);
    /// <c>Logging:Overrides:{category prefix}</c> sets a level per category; Microsoft.AspNetCore
    /// defaults to Warning.
    /// </summary>
    public static ILoggingBuilder AddKtpLogging(
        this ILoggingBuilder builder, IConfiguration configuration, string serviceName, ILogEventSink? sink = null)
    {
        var minimum = ParseLevel(configuration["Logging:MinimumLevel"]) ?? LogEventLevel.Information;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft.AspNetCore", Max(minimum, LogEventLevel.Warning));

        foreach (var section in configuration.GetSection("Logging:Overrides").GetChildren())
        {
            if (ParseLevel(section.Value) is { } level)
            {
                logger.MinimumLevel.Override(section.Key, level);
            }
        }

        logger.Enrich.FromLogContext();
        // Tests pass a sink to read the events; the product writes JSON lines to stdout.
        var serilog = (sink is null ? logger.WriteTo.Console(new JsonLogFormatter(serviceName)) : logger.WriteTo.Sink(sink)).CreateLogger();
        builder.ClearProviders();
        // Serilog's logger factory, its diagnostic context (request logging) and the logger itself for Serilog.AspNetCore.
        builder.Services.AddSerilog(serilog, dispose: true);
        builder.Services.AddSingleton<Serilog.ILogger>(serilog);
        return builder;
    }

    /// <summary>Accepts Serilog names (Verbose, Information) and Microsoft ones (Trace, Critical).</summary>
    public static LogEventLevel? ParseLevel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "trace" or "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "critical" or "fatal" => LogEventLevel.Fatal,
        _ => null,
    };

    private static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;
}
