using System.Net;
using System.Text;

namespace Ktp.Web.Tests.Billing;

public sealed class DocumentTests(KtpWebFactory app) : IClassFixture<KtpWebFactory>
{
    [Fact]
    public async Task The_demo_tenant_downloads_its_statement_invoice_and_ledger()
    {
        var client = await app.SignedInAsync("demo", "admin@demo.ktp");
        var month = DateTime.UtcNow.ToString("yyyy-MM");

        var statement = await client.GetAsync($"/t/demo/billing/statements/{month}.pdf");
        statement.StatusCode.ShouldBe(HttpStatusCode.OK);
        statement.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await statement.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        pdf.Length.ShouldBeGreaterThan(2000);

        (await client.GetAsync($"/t/demo/billing/invoices/{month}.pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var csv = await client.GetByteArrayAsync("/t/demo/billing/ledger.csv");
        var text = Encoding.UTF8.GetString(csv);
        text.ShouldContain("Bank transfer, payment order 1187 (demo)");
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(20);

        var xlsx = await client.GetByteArrayAsync("/t/demo/billing/ledger.xlsx");
        Encoding.ASCII.GetString(xlsx, 0, 2).ShouldBe("PK");

        (await client.GetAsync("/t/demo/billing/statements/not-a-month.pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_operator_cannot_read_the_account()
    {
        var client = await app.SignedInAsync("demo", "operator@demo.ktp");
        (await client.GetAsync("/t/demo/billing/ledger.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/t/demo/billing")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
