using System.Net;
using System.Text;

namespace Ktp.Web.Tests.Orders;

/// <summary>Accounting: completed services of a period for billing, as CSV and XLSX, with Russian headers; bad periods are refused.</summary>
public sealed class OrderExportTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task The_completed_services_of_the_period_are_exported_and_a_bad_period_is_refused()
    {
        var manager = await app.SignedInAsync("demo", "pm@demo.ktp");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = await manager.GetAsync($"/t/demo/orders/completed-services.csv?from=2026-01-01&to={today}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Услуга");
        text.ShouldContain("Установка оборудования", customMessage: "the demo's done order (basic equipment) is billed");
        text.ShouldContain("CRM-5004");
        text.ShouldNotContain("CRM-5005", customMessage: "a cancelled order's service was not completed");

        var xlsx = await manager.GetAsync($"/t/demo/orders/completed-services.xlsx?from=2026-01-01&to={today}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());

        (await manager.GetAsync("/t/demo/orders/completed-services.csv?from=yesterday&to=2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await manager.GetAsync("/t/demo/orders/completed-services.csv?from=2026-05-01&to=2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var operatorClient = await app.SignedInAsync("demo", "operator@demo.ktp");
        (await operatorClient.GetAsync($"/t/demo/orders/completed-services.csv?from=2026-01-01&to={today}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
