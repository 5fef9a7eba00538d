using System.Net;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Api;

/// <summary>A saturated node answers 503 with Retry-After, an integration over its rate 429 — never a 500 or a long wait.</summary>
public sealed class BackPressureTests(BackPressureTests.App app) : IClassFixture<BackPressureTests.App>
{
    /// <summary>One request at a time, no queue, two API calls per second; <c>/t/demo/api/v1/hold</c> keeps its slot until released.</summary>
    public sealed class App : KtpHost
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Limits:MaxConcurrentRequests", "1");
            builder.UseSetting("Limits:QueueLength", "0");
            builder.UseSetting("Limits:ApiCallsPerSecond", "2");
            builder.UseSetting("Limits:ApiBurst", "2");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new HoldingEndpoint(this)));
        }
    }

    private sealed class HoldingEndpoint(App app) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use(async (HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Path != "/t/demo/api/v1/hold") { await following(context); return; }
                app.Holding.TrySetResult();
                await app.Release.Task;
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
        };
    }

    private async Task<HttpClient> KeyClientAsync() =>
        await app.ApiKeyClientAsync((await app.Services.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo"))!, Privilege.UsersManage);

    [Fact]
    public async Task A_saturated_node_answers_503_with_retry_after_and_serves_again_once_free()
    {
        var holder = app.Browser().GetAsync("/t/demo/api/v1/hold");
        await app.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var refused = await app.Browser().GetAsync("/t/demo/login");
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.Browser().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "health checks are not counted");

        app.Release.SetResult();
        (await holder).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.Browser().GetAsync("/t/demo/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_integration_over_its_rate_gets_429_while_another_goes_on()
    {
        var busy = await KeyClientAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await busy.GetAsync("/t/demo/api/v1/users");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.TooManyRequests);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThanOrEqualTo(3, string.Join(",", statuses));
        limited!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(429);

        var other = await KeyClientAsync();
        (await other.GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK, "each integration has its own rate");
    }
}
