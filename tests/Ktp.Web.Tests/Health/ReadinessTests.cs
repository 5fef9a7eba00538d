using System.Diagnostics;
using Alba;

namespace Ktp.Web.Tests.Health;

public sealed class ReadinessTests(ProxiedKtpHost app) : IClassFixture<ProxiedKtpHost>
{
    private Task<IScenarioResult> GetAsync(string url, int status) => app.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task Ready_fails_while_the_database_is_down_and_recovers_when_it_is_back()
    {
        await GetAsync("/health/ready", 200);

        app.Proxy.Stop();
        var down = await GetAsync("/health/ready", 503);
        (await down.ReadAsTextAsync()).ShouldContain("database unreachable");
        await GetAsync("/health/live", 200); // liveness does not depend on the database

        app.Proxy.Start();
        var watch = Stopwatch.StartNew();
        int status;
        do
        {
            // Polled until it recovers, so any status is an answer here; the last one is asserted below.
            status = (await app.Host.Scenario(s =>
            {
                s.Get.Url("/health/ready");
                s.IgnoreStatusCode();
            })).Context.Response.StatusCode;
            if (status != 200) await Task.Delay(200);
        } while (status != 200 && watch.Elapsed < TimeSpan.FromSeconds(20));
        status.ShouldBe(200);
    }
}
