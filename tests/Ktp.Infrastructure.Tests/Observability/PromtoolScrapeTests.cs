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

        text.ShouldContain("ktp_http_request_duration_seconds_bucket{");
        text.ShouldContain("# TYPE db_client_connection_count_value gauge\n");
        text.ShouldContain("route=\"/api/\\\"odd\\\"\\\\path\\nx\"");
    }

    private static void RecordRealisticTraffic(Meter meter)
    {
        KtpMetrics.RecordHttpRequest("GET", "/inquiries/{id}", 200, 0.042);
        KtpMetrics.RecordHttpRequest("GET", "/inquiries/{id}", 200, 0.3);
        KtpMetrics.RecordHttpRequest("POST", "/api/inquiries", 201, 0.12);
        KtpMetrics.RecordHttpRequest("POST", "/api/\"odd\"\\path\nx", 500, 1.3);
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
