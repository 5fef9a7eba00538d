using System.Globalization;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Documents;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Billing;

/// <summary>Monthly statement and invoice (PDF) and the ledger (XLSX, CSV), in the reader's language.</summary>
public static class BillingDocuments
{
    public static RouteGroupBuilder MapBillingDocuments(this WebApplication app)
    {
        var group = app.MapGroup("/t/{slug}/billing").RequireAuthorization(Privilege.BillingView);
        group.MapGet("/statements/{month}.pdf", async (string month, BillingQueries billing, CurrentSession session, BillingOptions options, IStringLocalizer<SharedResource> l) =>
            ParseMonth(month) is not { } m ? BadMonth()
                : Results.File(StatementPdf(await billing.StatementAsync(m.Year, m.Month), session.Tenant!, options, l), "application/pdf", $"statement-{month}.pdf"));
        group.MapGet("/invoices/{month}.pdf", async (string month, BillingQueries billing, CurrentSession session, BillingOptions options, IStringLocalizer<SharedResource> l) =>
            ParseMonth(month) is not { } m ? BadMonth()
                : Results.File(InvoicePdf(await billing.StatementAsync(m.Year, m.Month), session.Tenant!, options, l), "application/pdf", $"invoice-{month}.pdf"));
        group.MapGet("/ledger.csv", async (BillingQueries billing, IStringLocalizer<SharedResource> l) =>
            Results.File(TableExport.Csv(LedgerHeaders(l), LedgerRows(await billing.LedgerAsync(), l)), "text/csv; charset=utf-8", "ledger.csv"));
        group.MapGet("/ledger.xlsx", async (BillingQueries billing, IStringLocalizer<SharedResource> l) =>
            Results.File(TableExport.Xlsx("Ledger", LedgerHeaders(l), LedgerRows(await billing.LedgerAsync(), l)),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ledger.xlsx"));
        return group;
    }

    private static DateOnly? ParseMonth(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static IResult BadMonth() => Results.Problem("The month must look like 2026-11.", statusCode: 400);

    private static string[] LedgerHeaders(IStringLocalizer l) =>
        [l["Date"], l["Kind"], l["Description"], l["Payment reference"], l["Amount"], l["Currency"], l["Balance"]];

    private static IEnumerable<object?[]> LedgerRows(IEnumerable<LedgerRow> rows, IStringLocalizer l) =>
        rows.Select(r => new object?[] { r.At, BillingTexts.Kind(r.Kind, l), BillingTexts.Describe(r, l), r.Kind is "topup" or "refund" ? r.SourceId : "", r.Amount, r.Currency, r.BalanceAfter });

    private static string Money(decimal amount, string currency) => $"{amount.ToString("#,##0.00", CultureInfo.CurrentCulture)} {currency}";

    private static byte[] StatementPdf(Statement s, TenantInfo tenant, BillingOptions options, IStringLocalizer l) =>
        new SimplePdf($"{l["Account statement"]} {s.From:MM.yyyy}")
            .Lines((l["Platform"], options.PlatformName), (l["Customer"], tenant.Name), (l["Workspace address"], "/t/" + tenant.Slug),
                   (l["Period"], $"{s.From:d} — {s.To:d}"))
            .Lines((l["Opening balance"], Money(s.Opening, s.Currency)), (l["Top-ups"], Money(s.TopUps, s.Currency)),
                   (l["Charges"], Money(s.Charges, s.Currency)), (l["Refunds"], Money(s.Refunds, s.Currency)),
                   (l["Adjustments"], Money(s.Adjustments, s.Currency)), (l["Closing balance"], Money(s.Closing, s.Currency)))
            .Table([l["Date"], l["Kind"], l["Description"], l["Amount"], l["Balance"]], [70, 70, 215, 80, 80], [false, false, false, true, true],
                s.Entries.Select(e => new[] { e.At.ToString("d"), BillingTexts.Kind(e.Kind, l), BillingTexts.Describe(e, l), Money(e.Amount, ""), Money(e.BalanceAfter, "") }))
            .ToBytes();

    private static byte[] InvoicePdf(Statement s, TenantInfo tenant, BillingOptions options, IStringLocalizer l)
    {
        var lines = s.Entries.Where(e => e.Kind == "charge").GroupBy(e => BillingTexts.Service(e, l))
            .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.CurrentCulture), Money(-g.Sum(e => e.Amount), s.Currency) }).ToList();
        return new SimplePdf($"{l["Invoice"]} № {tenant.Slug.ToUpperInvariant()}-{s.From:yyyyMM}")
            .Lines((l["Supplier"], options.PlatformName))
            .Text(options.PlatformRequisites)
            .Lines((l["Customer"], tenant.Name), (l["Workspace address"], "/t/" + tenant.Slug), (l["Period"], $"{s.From:d} — {s.To:d}"))
            .Table([l["Service"], l["Days"], l["Amount"]], [300, 60, 150], [false, true, true], lines)
            .Lines((l["Total"], Money(s.Charges, s.Currency)))
            .ToBytes();
    }
}
