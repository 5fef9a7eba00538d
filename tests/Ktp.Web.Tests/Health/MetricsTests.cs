using System.Diagnostics;

namespace Ktp.Web.Tests.Health;

public sealed class MetricsTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Metrics_pass_promtool_and_cover_http_database_event_store_projections_and_outbox()
    {
        var client = await app.SignedInAsync("demo", "admin@demo.ktp");
        await client.GetAsync("/t/demo/api/v1/users");
        await Task.Delay(1500); // let the workers report lag and backlog once

        // Development leaves /metrics open, so the scrape needs no sign-in.
        var response = await app.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });
        response.MediaType().ShouldBe("text/plain");
        var text = await response.ReadAsTextAsync();
        text.ShouldContain("http_server_request_duration_seconds_count{");
        text.ShouldContain("ktp_eventstore_appends_total");
        text.ShouldContain("ktp_projection_lag_events");
        text.ShouldContain("ktp_outbox_backlog");
        text.ShouldContain("db_client_");

        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, text);
        var promtool = Process.Start(new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("promtool is not installed: './ktp test' installs the prometheus package.");
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var errors = await promtool.StandardError.ReadToEndAsync() + await promtool.StandardOutput.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        promtool.ExitCode.ShouldBe(0, errors);
    }
}
