using System.Net;
using System.Text;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ktp.Web.Tests.Billing;

public sealed class DocumentTests(KtpHost app) : IClassFixture<KtpHost>
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
    public async Task The_invoice_statement_and_ledger_exports_carry_the_lines_in_the_readers_language_not_codes()
    {
        var client = await app.SignedInAsync("demo", "admin@demo.ktp");
        (await client.GetAsync("/culture?c=ru&returnUrl=/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string month;
        await using (var owner = app.Database.OpenOwner())
            month = await owner.ExecuteScalarAsync<string>("""
                SELECT to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM') FROM account_ledger l JOIN tenants t USING (tenant_id)
                WHERE t.slug = 'demo' AND l.kind = 'charge' AND l.source_id LIKE '%/seats' ORDER BY l.at LIMIT 1
                """) ?? throw new InvalidOperationException("The demo ledger has no seat charge.");

        var invoice = PdfText.Extract(await client.GetByteArrayAsync($"/t/demo/billing/invoices/{month}.pdf"));
        invoice.ShouldContain("Счёт");
        invoice.ShouldContain("Рабочие места операторов");

        var statement = PdfText.Extract(await client.GetByteArrayAsync($"/t/demo/billing/statements/{month}.pdf"));
        statement.ShouldContain("Списание");
        statement.ShouldContain("Рабочие места операторов (");
        statement.ShouldNotContain("seat(s)");
        statement.ShouldNotContain("/seats");

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/t/demo/billing/ledger.csv"));
        csv.ShouldContain("Описание");
        csv.ShouldContain("Списание");
        csv.ShouldContain("Рабочие места операторов (");
        csv.ShouldContain("Корректировка платформой: ");
        csv.ShouldNotContain("seat(s)");
        csv.ShouldNotContain("rating:");

        var cells = XlsxTexts(await client.GetByteArrayAsync("/t/demo/billing/ledger.xlsx"));
        cells.ShouldContain("Описание");
        cells.ShouldContain("Списание");
        cells.ShouldContain(c => c.StartsWith("Рабочие места операторов (", StringComparison.Ordinal));
        cells.ShouldNotContain(c => c.Contains("seat(s)", StringComparison.Ordinal));
    }

    /// <summary>Every text cell of the workbook (shared strings and inline strings).</summary>
    private static List<string> XlsxTexts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return document.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>())
            .Select(c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText : c.CellValue?.Text)
            .OfType<string>().ToList();
    }

    [Fact]
    public async Task An_operator_cannot_read_the_account()
    {
        var client = await app.SignedInAsync("demo", "operator@demo.ktp");
        (await client.GetAsync("/t/demo/billing/ledger.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/t/demo/billing")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
