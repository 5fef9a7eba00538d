using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Ktp.Infrastructure.Observability;

public static class LoggingSetup
{
    /// <summary>
    /// Replaces the logging providers with Serilog writing one JSON line per event to stdout.
    /// <c>Logging:MinimumLevel</c> sets the level (default Information);
    /// <c>Logging:Overrides:{category prefix}</c> sets a level per category; Microsoft.AspNetCore
    /// defaults to Warning.
    /// </summary>
    public static ILoggingBuilder AddKtpLogging(
        this ILoggingBuilder builder, IConfiguration configuration, string serviceName)
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

        builder.ClearProviders();
        builder.AddSerilog(
            logger.Enrich.FromLogContext().WriteTo.Console(new JsonLogFormatter(serviceName)).CreateLogger(),
            dispose: true);
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
