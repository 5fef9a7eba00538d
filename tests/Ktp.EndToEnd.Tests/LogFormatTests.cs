using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ktp.EndToEnd.Tests;

public sealed partial class LogFormatTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Every_log_line_of_the_running_app_is_json_with_the_required_fields()
    {
        using var http = new HttpClient();
        await http.GetAsync(app.BaseUrl + "/t/demo/login");
        await http.GetAsync(app.BaseUrl + "/t/no-such-tenant/login");
        await Task.Delay(500);

        var lines = app.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')).ToList();
        lines.Count.ShouldBeGreaterThan(3);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Rfc3339Millis().IsMatch(root.GetProperty("timestamp").GetString()!).ShouldBeTrue(line);
            root.GetProperty("level").GetString().ShouldBeOneOf("trace", "debug", "info", "warn", "error", "fatal");
            root.GetProperty("type").GetString().ShouldNotBeNullOrEmpty();
            root.GetProperty("service_name").GetString().ShouldBe("ktp-web");
            root.GetProperty("message").GetString().ShouldNotBeNull();
        }

        var request = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(r => r.TryGetProperty("status", out var s) && s.GetInt32() == 404);
        request.GetProperty("request_id").GetString().ShouldNotBeNullOrEmpty();
        request.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
        request.GetProperty("request_length").GetInt64().ShouldBe(0);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Millis();
}
