using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ktp.Infrastructure.Observability;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class PromtoolScrapeTests
{
    [Fact]
    public async Task Realistic_scrape_passes_promtool_check_metrics()
    {
        var promtool = FindOnPath("promtool")
            ?? throw new InvalidOperationException(
                "promtool is not on PATH: install prometheus (apt-get install -y prometheus) to run this test.");
        await using var metrics = await MetricsHarness.StartAsync(KtpMetrics.MeterName);
        RecordRealisticTraffic(metrics.Meter);
        using var lag = KtpMetrics.RegisterProjectionLag(() =>
            [KtpMetrics.ProjectionLagOf("inquiry_list", 12), KtpMetrics.ProjectionLagOf("odd \"name\"\\x", 1)]);
        using var backlog = KtpMetrics.RegisterOutboxBacklog(() => 3);

        var text = await metrics.ScrapeAsync();
        var file = Path.Combine(Path.GetTempPath(), $"ktp-metrics-{Guid.NewGuid():N}.prom");
        File.WriteAllText(file, text);
        try
        {
            var (exitCode, output) = Run(promtool, "check metrics", file);

            exitCode.ShouldBe(0, $"promtool check metrics reported:\n{output}\n--- scrape ---\n{text}");
        }
        finally
        {
            File.Delete(file);
        }

        text.ShouldContain("http_server_request_duration_seconds_bucket{");
        text.ShouldContain("# TYPE db_client_connection_count_value gauge\n");
        text.ShouldContain("http_route=\"/api/\\\"odd\\\"\\\\path\\nx\"");
    }

    private static void RecordRealisticTraffic(Meter meter)
    {
        var requests = meter.CreateHistogram<double>("http.server.request.duration", "s", "Duration of HTTP server requests (as ASP.NET Core names it).");
        requests.Record(0.042, new("http.request.method", "GET"), new("http.route", "/inquiries/{id}"), new("http.response.status_code", 200));
        requests.Record(0.3, new("http.request.method", "GET"), new("http.route", "/inquiries/{id}"), new("http.response.status_code", 200));
        requests.Record(0.12, new("http.request.method", "POST"), new("http.route", "/api/inquiries"), new("http.response.status_code", 201));
        requests.Record(1.3, new("http.request.method", "POST"), new("http.route", "/api/\"odd\"\\path\nx"), new("http.response.status_code", 500));
        KtpMetrics.RecordAppend(3, 0.004);
        KtpMetrics.RecordAppend(1, 0.02);

        var connections = meter.CreateUpDownCounter<long>("db.client.connections.usage", "{connection}", "Connections in use.");
        connections.Add(5, new KeyValuePair<string, object?>("state", "idle"));
        connections.Add(2, new KeyValuePair<string, object?>("state", "used"));
        var open = meter.CreateUpDownCounter<long>("db.client.connection.count", "{connection}", "Connections open (as Npgsql names it).");
        open.Add(4, new KeyValuePair<string, object?>("db.client.connection.state", "idle"));
        var bytes = meter.CreateCounter<long>("http.client.sent", "By", "Bytes sent to providers.");
        bytes.Add(2048, new KeyValuePair<string, object?>("provider", "sms"));
        meter.CreateObservableGauge("process.cpu.utilization", () => 0.25, "1", "CPU used by the process.");
        var size = meter.CreateHistogram<long>("http.server.request.body.size", "By", "Request body size.");
        size.Record(512, new KeyValuePair<string, object?>("http.request.method", "POST"));
    }

    private static (int ExitCode, string Output) Run(string file, string arguments, string inputFile)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(File.ReadAllText(inputFile));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000).ShouldBeTrue("promtool did not finish in 30 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
