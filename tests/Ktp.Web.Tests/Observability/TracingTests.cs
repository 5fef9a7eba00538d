using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Ktp.Testing;
using Ktp.Web.Tests.Inquiries;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Ktp.Web.Tests.Observability;

/// <summary>The app with an in-memory span exporter added to its OpenTelemetry tracing.</summary>
public sealed class TracedKtpHost : KtpHost
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }

    public Activity[] Snapshot() { lock (Spans) return [.. Spans]; }
}

/// <summary>
/// Activity listeners are process-wide: this host's exporter also records the spans of every other test host's requests,
/// so these tests run alone, or another test's POST is taken for theirs (flaky when run with other classes).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "Tracing";
}

[Collection(TracingCollection.Name)]
public sealed class TracingTests(TracedKtpHost app) : IClassFixture<TracedKtpHost>
{
    [Fact]
    public async Task Registering_an_inquiry_is_one_trace_from_the_http_request_through_marten_to_the_database()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(kit.Tenant,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage), new Claim(KtpClaims.Privilege, Privilege.InquiriesWork)], "test")));
            var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("crm", [Privilege.InquiriesWork])).Key;
            var client = app.Browser();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var created = await client.PostAsJsonAsync("/t/demo/api/v1/inquiries", new
            {
                projectId = kit.ProjectId, customer = new { name = "Traced customer", phone = "+79160000001", vip = false }, direction = "in", channel = "web",
                inquiries = new[] { new { topicId = InquiryTestKit.Complaint.Value, attributes = new Dictionary<string, string?> { ["contract"] = "K-7", ["amount"] = "100" }, priority = "high" } },
            });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var request = await WaitForAsync(spans => spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST") && s.DisplayName.Contains("inquiries")));
        var trace = await WaitForAsync(spans => Sources(spans, request.TraceId) is var sources && sources.Contains("Marten") && sources.Contains("Npgsql") ? sources : null);

        trace.ShouldContain("Microsoft.AspNetCore");
    }

    [Fact]
    public async Task A_message_sent_during_a_request_is_handled_by_wolverine_in_the_trace_of_that_request()
    {
        var asked = await HtmlForms.SubmitAsync(app.Browser(), "/t/demo/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "hr@demo.ktp" });
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);

        var request = await WaitForAsync(spans => spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST") && s.DisplayName.Contains("forgot-password")));
        // Blazor starts its own trace for the form's submit event, linked to the HTTP request's span.
        var handled = await WaitForAsync(spans => spans.FirstOrDefault(s => s.Source.Name == "Wolverine" && s.DisplayName.EndsWith("EmailMessage")
            && (s.TraceId == request.TraceId || spans.Any(p => p.TraceId == s.TraceId && p.Links.Any(l => l.Context.TraceId == request.TraceId)))));

        var sent = app.Snapshot().Where(s => s.TraceId == handled.TraceId).Select(s => s.DisplayName).ToArray();
        sent.ShouldContain("send", "the message was sent in the same trace as it was handled");
    }

    private static string[] Sources(Activity[] spans, ActivityTraceId trace) =>
        spans.Where(s => s.TraceId == trace).Select(s => s.Source.Name).Distinct().ToArray();

    private async Task<T> WaitForAsync<T>(Func<Activity[], T?> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (find(app.Snapshot()) is { } found) return found;
            await Task.Delay(100);
        }

        var seen = app.Snapshot().GroupBy(s => s.TraceId).Where(g => g.Any(s => s.Source.Name is not ("Npgsql" or "Marten")))
            .Select(g => string.Join(", ", g.Select(s => $"{s.Source.Name}:{s.DisplayName}").Distinct().Take(12)));
        throw new ShouldAssertException("not found; traces seen:\n" + string.Join("\n", seen.Take(15)));
    }
}
