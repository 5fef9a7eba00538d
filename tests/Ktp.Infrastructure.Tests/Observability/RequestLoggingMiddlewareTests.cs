using System.Diagnostics;
using System.Net;
using Ktp.Infrastructure.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class RequestLoggingMiddlewareTests
{
    private readonly CapturingLogger<RequestLoggingMiddleware> logger = new();

    [Fact]
    public async Task Incoming_sane_request_id_is_kept_and_echoed()
    {
        var context = Request("GET", "/inquiries");
        context.Request.Headers["X-Request-Id"] = "abc-123_x.y";

        await Invoke(context, _ => Task.CompletedTask);

        context.Response.Headers["X-Request-Id"].ToString().ShouldBe("abc-123_x.y");
        context.TraceIdentifier.ShouldBe("abc-123_x.y");
        Completion().Properties["request_id"].ShouldBe("abc-123_x.y");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("<script>")]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Unsafe_request_id_is_replaced(string incoming)
    {
        var context = Request("GET", "/inquiries");
        context.Request.Headers["X-Request-Id"] = incoming;

        await Invoke(context, _ => Task.CompletedTask);

        var assigned = context.Response.Headers["X-Request-Id"].ToString();
        assigned.ShouldNotBe(incoming);
        assigned.ShouldMatch("^[0-9a-f]{32}$");
        Completion().Properties["request_id"].ShouldBe(assigned);
    }

    [Fact]
    public async Task Completion_line_has_status_length_ip_and_timing()
    {
        var context = Request("POST", "/api/inquiries");
        context.Request.ContentLength = 321;
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:10.1.2.3");

        await Invoke(context, http => { http.Response.StatusCode = 201; return Task.CompletedTask; });

        var entry = Completion();
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Message.ShouldStartWith("HTTP POST /api/inquiries responded 201 in ");
        entry.Properties["status"].ShouldBe(201);
        entry.Properties["request_length"].ShouldBe(321L);
        entry.Properties["ip"].ShouldBe("10.1.2.3");
        entry.Properties["method"].ShouldBe("POST");
        entry.Properties.ShouldContainKey("elapsed_ms");
        ((string)entry.Properties["operation_id"]!).ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Missing_content_length_is_logged_as_zero()
    {
        var context = Request("GET", "/inquiries");

        await Invoke(context, _ => Task.CompletedTask);

        Completion().Properties["request_length"].ShouldBe(0L);
    }

    [Fact]
    public async Task Operation_id_is_the_current_trace_id()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var context = Request("GET", "/inquiries");

        await Invoke(context, _ => Task.CompletedTask);

        var entry = Completion();
        entry.Properties["operation_id"].ShouldBe(activity.TraceId.ToHexString());
        entry.Properties["operation_phase_id"].ShouldBe(activity.SpanId.ToHexString());
    }

    [Fact]
    public async Task Handler_logs_share_the_request_scope()
    {
        var context = Request("GET", "/inquiries");

        await Invoke(context, _ => { logger.LogInformation("inside"); return Task.CompletedTask; });

        var inside = logger.Entries.First();
        inside.Message.ShouldBe("inside");
        inside.Properties["request_id"].ShouldBe(context.TraceIdentifier);
        inside.Properties["operation_id"].ShouldBe(Completion().Properties["operation_id"]);
    }

    [Theory]
    [InlineData("/inquiries", 200, LogLevel.Information)]
    [InlineData("/inquiries", 404, LogLevel.Warning)]
    [InlineData("/inquiries", 503, LogLevel.Error)]
    [InlineData("/health/live", 200, LogLevel.Debug)]
    [InlineData("/health/ready", 503, LogLevel.Error)]
    [InlineData("/metrics", 200, LogLevel.Debug)]
    [InlineData("/_blazor/negotiate", 200, LogLevel.Debug)]
    [InlineData("/_framework/blazor.web.js", 200, LogLevel.Debug)]
    [InlineData("/css/site.css", 200, LogLevel.Debug)]
    [InlineData("/favicon.ico", 404, LogLevel.Debug)]
    public async Task Level_depends_on_status_and_path(string path, int status, LogLevel expected)
    {
        var context = Request("GET", path);

        await Invoke(context, http => { http.Response.StatusCode = status; return Task.CompletedTask; });

        Completion().Level.ShouldBe(expected);
    }

    [Fact]
    public async Task Unhandled_exception_is_logged_as_500_and_rethrown()
    {
        var context = Request("GET", "/inquiries");
        var failure = new InvalidOperationException("boom");

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => Invoke(context, _ => throw failure));

        thrown.ShouldBeSameAs(failure);
        var entry = Completion();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Properties["status"].ShouldBe(500);
        entry.Exception.ShouldBeSameAs(failure);
    }

    [Fact]
    public async Task Exception_after_the_response_started_is_still_an_error()
    {
        var context = Request("GET", "/inquiries");
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await Should.ThrowAsync<InvalidOperationException>(() => Invoke(context, _ => throw new InvalidOperationException("late")));

        Completion().Level.ShouldBe(LogLevel.Error);
        Completion().Properties["status"].ShouldBe(200);
    }

    [Fact]
    public async Task Client_abort_is_logged_as_499_warning()
    {
        var context = Request("GET", "/inquiries");
        using var abort = new CancellationTokenSource();
        context.RequestAborted = abort.Token;

        await Should.ThrowAsync<OperationCanceledException>(() => Invoke(context, http =>
        {
            abort.Cancel();
            http.RequestAborted.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }));

        Completion().Level.ShouldBe(LogLevel.Warning);
        Completion().Properties["status"].ShouldBe(499);
    }

    private Task Invoke(HttpContext context, RequestDelegate next) =>
        new RequestLoggingMiddleware(next, logger).InvokeAsync(context);

    private CapturingLogger<RequestLoggingMiddleware>.Entry Completion() =>
        logger.Entries.Last(entry => entry.Message.StartsWith("HTTP ", StringComparison.Ordinal));

    private static DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
