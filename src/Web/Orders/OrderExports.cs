using System.Globalization;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Documents;
using Ktp.Infrastructure.Orders;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Orders;

/// <summary>Accounting: the services completed in a period, for billing, as CSV or XLSX in the reader's language.</summary>
public static class OrderExports
{
    public static RouteGroupBuilder MapOrderExports(this WebApplication app)
    {
        var group = app.MapGroup("/t/{slug}/orders").RequireAuthorization(Privilege.OrdersManage);
        group.MapGet("/completed-services.csv", (string? from, string? to, OrderQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            ExportAsync(from, to, queries, l, rows => Results.File(TableExport.Csv(Headers(l), rows), "text/csv; charset=utf-8", "completed-services.csv"), ct));
        group.MapGet("/completed-services.xlsx", (string? from, string? to, OrderQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            ExportAsync(from, to, queries, l, rows => Results.File(TableExport.Xlsx("Services", Headers(l), rows),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "completed-services.xlsx"), ct));
        return group;
    }

    private static async Task<IResult> ExportAsync(string? from, string? to, OrderQueries queries, IStringLocalizer l,
        Func<IEnumerable<object?[]>, IResult> file, CancellationToken ct)
    {
        if (Day(from) is not { } start || Day(to) is not { } end || end < start || end.DayNumber - start.DayNumber > 366)
            return Results.Problem("from and to are days (2026-11-01) at most a year apart, from not after to.", statusCode: StatusCodes.Status400BadRequest);
        var rows = await queries.CompletedServicesAsync(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct);
        return file(rows.Select(r => new object?[] { r.FinishedAt.UtcDateTime, r.OrderNumber, r.ExternalId, r.CustomerName, r.Name, r.Code, r.StartedAt.UtcDateTime }));
    }

    private static string[] Headers(IStringLocalizer l) =>
        [l["Completed on"], l["Order"], l["CRM number"], l["Customer"], l["Service"], l["Service code"], l["Placed"]];

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
