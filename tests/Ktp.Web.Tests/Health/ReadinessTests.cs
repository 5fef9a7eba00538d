using System.Diagnostics;
using System.Net;

namespace Ktp.Web.Tests.Health;

public sealed class ReadinessTests(ProxiedKtpHost app) : IClassFixture<ProxiedKtpHost>
{
    [Fact]
    public async Task Ready_fails_while_the_database_is_down_and_recovers_when_it_is_back()
    {
        var client = app.Browser();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Proxy.Stop();
        var down = await client.GetAsync("/health/ready");
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await down.Content.ReadAsStringAsync()).ShouldContain("database unreachable");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "liveness does not depend on the database");

        app.Proxy.Start();
        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/health/ready")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        } while (status != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(20));
        status.ShouldBe(HttpStatusCode.OK);
    }
}
