using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Observability;

/// <summary>
/// Gives every request a request id (taken from a sane <c>X-Request-Id</c> or made new), opens a
/// logging scope with request_id / operation_id / operation_phase_id / ip, writes one line when the
/// request completes and records the HTTP metrics. Place it first in the pipeline.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Logged when the client went away before the response (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Accept(context.Request.Headers[RequestIdHeader]) ?? RequestIds.New();
        context.TraceIdentifier = requestId;
        context.Response.Headers[RequestIdHeader] = requestId;

        var activity = Activity.Current;
        var hasTrace = activity is not null && activity.TraceId != default;
        var ip = ClientIp(context);
        var scope = new List<KeyValuePair<string, object?>>
        {
            new("request_id", requestId),
            new("operation_id", hasTrace ? activity!.TraceId.ToHexString() : Guid.NewGuid().ToString("N")),
        };
        if (hasTrace)
        {
            scope.Add(new("operation_phase_id", activity!.SpanId.ToHexString()));
        }

        if (ip is not null)
        {
            scope.Add(new("ip", ip));
        }

        using (logger.BeginScope(scope))
        {
            try
            {
                await next(context);
                Complete(context, started, null);
            }
            catch (Exception exception)
            {
                Complete(context, started, exception);
                throw;
            }
        }
    }

    private void Complete(HttpContext context, long started, Exception? exception)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var aborted = exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested;
        var status = exception is null || context.Response.HasStarted ? context.Response.StatusCode
            : aborted ? ClientClosedRequest
            : StatusCodes.Status500InternalServerError;
        var request = context.Request;
        var path = (request.PathBase + request.Path).Value ?? "/";

        KtpMetrics.RecordHttpRequest(request.Method, RouteOf(context), status, elapsed.TotalSeconds);

        var level = exception is null || aborted ? LevelFor(request.Path, status) : LogLevel.Error;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        using (logger.BeginScope(new[] { new KeyValuePair<string, object?>("request_length", request.ContentLength ?? 0) }))
        {
            logger.Log(
                level,
                exception,
                "HTTP {method} {path} responded {status} in {elapsed_ms} ms",
                request.Method,
                path,
                status,
                Math.Round(elapsed.TotalMilliseconds, 1));
        }
    }

    public static LogLevel LevelFor(PathString path, int status) => status switch
    {
        >= 500 => LogLevel.Error,
        _ when NoisyPaths.Contains(path) => LogLevel.Debug,
        >= 400 => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    private static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText ?? "unmatched" : "unmatched";

    private static string? ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}

public static class RequestLoggingExtensions
{
    public static IApplicationBuilder UseKtpRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
