using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Ktp.Infrastructure.Observability;

/// <summary>
/// Request logging on Serilog.AspNetCore: one line when a request completes, at a level chosen by status
/// and path, and the request's ids (request_id, operation_id, operation_phase_id, ip) on every line it writes.
/// Place it first in the pipeline.
/// </summary>
public static class RequestLogging
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Logged when the client went away before the response (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseKtpRequestLogging(this IApplicationBuilder app)
    {
        app.Use(StampAsync);
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<ILogger>();
            options.MessageTemplate = "HTTP {method} {path} responded {status} in {elapsed_ms} ms";
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new LogEventProperty("method", new ScalarValue(context.Request.Method)),
                new LogEventProperty("path", new ScalarValue(path)),
                new LogEventProperty("status", new ScalarValue(context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? ClientClosedRequest : status)),
                new LogEventProperty("elapsed_ms", new ScalarValue(Math.Round(elapsed, 1))),
            ];
            options.GetLevel = (context, _, exception) => LevelFor(context, exception);
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("request_length", context.Request.ContentLength ?? 0);
        });
    }

    public static LogEventLevel LevelFor(HttpContext context, Exception? exception) => exception switch
    {
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => LogEventLevel.Warning,
        not null => LogEventLevel.Error,
        _ => LevelFor(context.Request.Path, context.Response.StatusCode),
    };

    public static LogEventLevel LevelFor(PathString path, int status) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => LogEventLevel.Warning, // back-pressure: busy, not broken
        >= 500 => LogEventLevel.Error,
        _ when NoisyPaths.Contains(path) => LogEventLevel.Debug,
        >= 400 => LogEventLevel.Warning,
        _ => LogEventLevel.Information,
    };

    // Keeps a sane incoming X-Request-Id (or makes one), echoes it, and puts the ids on every line of the request.
    private static async Task StampAsync(HttpContext context, RequestDelegate next)
    {
        var requestId = RequestIds.Accept(context.Request.Headers[RequestIdHeader]) ?? RequestIds.New();
        context.TraceIdentifier = requestId;
        context.Response.Headers[RequestIdHeader] = requestId;
        // The error handler clears the headers before it answers; the id must survive on a 500 too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIdHeader] = requestId;
            return Task.CompletedTask;
        });

        var activity = Activity.Current is { TraceId: var trace } current && trace != default ? current : null;
        using var id = LogContext.PushProperty("request_id", requestId);
        using var operation = LogContext.PushProperty("operation_id", activity?.TraceId.ToHexString() ?? RequestIds.New());
        using var phase = activity is null ? null : LogContext.PushProperty("operation_phase_id", activity.SpanId.ToHexString());
        using var ip = ClientIp(context) is { } address ? LogContext.PushProperty("ip", address) : null;
        await next(context);
    }

    private static string? ClientIp(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => null,
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };
}
