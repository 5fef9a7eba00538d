using System.Collections.Concurrent;
using System.Net;
using Ktp.Infrastructure.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Ktp.Infrastructure.Tests.Observability;

/// <summary>Serilog.AspNetCore request logging as the app wires it, over real HTTP on a loopback port.</summary>
[Collection(KtpMetricsCollection.Name)]
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private readonly Sink events = new();
    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Logging:MinimumLevel"] = "Debug";
        builder.Logging.AddKtpLogging(builder.Configuration, "ktp-test", events);
        builder.Services.AddKtpTelemetry(builder.Configuration, "ktp-test");
        app = builder.Build();
        app.UseKtpRequestLogging();
        app.MapPost("/api/inquiries", () => Results.StatusCode(201));
        app.MapGet("/inside", (ILogger<RequestLoggingTests> logger) => { logger.LogInformation("inside"); return "ok"; });
        app.MapGet("/boom", string () => throw new InvalidOperationException("boom"));
        app.MapGet("/slow", async (HttpContext context) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        app.MapGet("/health/live", () => "ok");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_sane_incoming_request_id_is_kept_and_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inside");
        request.Headers.Add("X-Request-Id", "abc-123_x.y");
        var response = await http.SendAsync(request);

        response.Headers.GetValues("X-Request-Id").Single().ShouldBe("abc-123_x.y");
        (await CompletionAsync("/inside")).Properties["request_id"].ShouldBe(new ScalarValue("abc-123_x.y"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("<script>")]
    public async Task An_unsafe_request_id_is_replaced(string incoming)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inside");
        request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);
        var response = await http.SendAsync(request);

        var assigned = response.Headers.GetValues("X-Request-Id").Single();
        assigned.ShouldMatch("^[0-9a-f]{32}$");
        (await CompletionAsync("/inside")).Properties["request_id"].ShouldBe(new ScalarValue(assigned));
    }

    [Fact]
    public async Task The_completion_line_has_method_path_status_length_ip_and_timing()
    {
        await http.PostAsync("/api/inquiries", new StringContent(new string('x', 321)));

        var line = await CompletionAsync("/api/inquiries");
        line.Level.ShouldBe(LogEventLevel.Information);
        line.RenderMessage().ShouldStartWith("HTTP \"POST\" \"/api/inquiries\" responded 201 in ");
        line.Properties["status"].ShouldBe(new ScalarValue(201));
        line.Properties["request_length"].ShouldBe(new ScalarValue(321L));
        line.Properties["ip"].ShouldBe(new ScalarValue("127.0.0.1"));
        line.Properties.ContainsKey("elapsed_ms").ShouldBeTrue();
        line.Properties["operation_id"].ToString().Trim('"').ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Lines_written_inside_a_request_carry_its_ids_and_its_trace()
    {
        await http.GetAsync("/inside");

        var completion = await CompletionAsync("/inside");
        var inside = events.All.Single(e => e.MessageTemplate.Text == "inside" && e.Properties["request_id"].Equals(completion.Properties["request_id"]));
        inside.Properties["operation_id"].ShouldBe(completion.Properties["operation_id"]);
        inside.Properties["operation_id"].ShouldBe(new ScalarValue(inside.TraceId!.Value.ToHexString()), "the operation id is the trace id");
    }

    [Theory]
    [InlineData("/missing", LogEventLevel.Warning)]
    [InlineData("/health/live", LogEventLevel.Debug)]
    public async Task The_level_depends_on_status_and_path(string path, LogEventLevel expected)
    {
        await http.GetAsync(path);

        (await CompletionAsync(path)).Level.ShouldBe(expected);
    }

    [Fact]
    public async Task An_unhandled_exception_is_logged_as_a_500_error_with_the_exception()
    {
        var response = await http.GetAsync("/boom");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var line = await CompletionAsync("/boom");
        line.Level.ShouldBe(LogEventLevel.Error);
        line.Properties["status"].ShouldBe(new ScalarValue(500));
        line.Exception.ShouldBeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task A_client_that_goes_away_is_logged_as_499_warning()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Should.ThrowAsync<TaskCanceledException>(() => http.GetAsync("/slow", cancel.Token));

        var line = await CompletionAsync("/slow");
        line.Level.ShouldBe(LogEventLevel.Warning);
        line.Properties["status"].ShouldBe(new ScalarValue(RequestLogging.ClientClosedRequest));
    }

    private async Task<LogEvent> CompletionAsync(string path)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = events.All.LastOrDefault(e => e.Properties.TryGetValue("path", out var p) && p.Equals(new ScalarValue(path)));
            if (line is not null) return line;
            await Task.Delay(50);
        }

        throw new InvalidOperationException($"no completion line for {path}");
    }

    private sealed class Sink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> queue = new();
        public IReadOnlyList<LogEvent> All => [.. queue];
        public void Emit(LogEvent logEvent) => queue.Enqueue(logEvent);
    }
}
