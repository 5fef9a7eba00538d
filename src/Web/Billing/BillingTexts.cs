using System.Globalization;
using System.Text.RegularExpressions;
using Ktp.Infrastructure.Billing;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Billing;

/// <summary>
/// Billing in human words: a ledger line says what it was for (seats of a day, overage of a kind, a card top-up) in the
/// reader's language instead of the rating's technical reason; a plan shows its name. Pages, PDFs and exports share it.
/// </summary>
public static partial class BillingTexts
{
    /// <summary>What a ledger line was for.</summary>
    public static string Describe(LedgerRow row, IStringLocalizer l)
    {
        switch (row.Kind)
        {
            case "charge" when ChargeSource().Match(row.SourceId) is { Success: true } source:
            {
                var day = DateOnly.ParseExact(source.Groups["day"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d", CultureInfo.CurrentCulture);
                var what = source.Groups["what"].Value;
                if (what == "seats")
                    return SeatCount().Match(row.Reason) is { Success: true } seats
                        ? l["Operator seats ({0}) for {1}", seats.Groups[1].Value, day]
                        : l["Operator seats for {0}", day];
                return l["{0} beyond the plan for {1}", Usage(what, l), day];
            }
            case "topup":
                return l["Top-up via {0}", Provider(row.Reason)];
            case "refund":
                return l["Refund: {0}", row.Reason];
            case "adjustment":
                return l["Adjustment by the platform: {0}", row.Reason];
            default:
                return row.Reason;
        }
    }

    /// <summary>The service a charge line bills, for the invoice: operator seats or the usage kind.</summary>
    public static string Service(LedgerRow row, IStringLocalizer l) =>
        ChargeSource().Match(row.SourceId) is { Success: true } source && source.Groups["what"].Value != "seats"
            ? Usage(source.Groups["what"].Value, l)
            : l["Operator seats"];

    /// <summary>The kind of a ledger line (charge, top-up…).</summary>
    public static string Kind(string kind, IStringLocalizer l) => l["ledger:" + kind];

    /// <summary>The plan's name in the reader's language when the platform gave one (<c>plan:{id}</c>), else its own name.</summary>
    public static string PlanName(string planId, string? name, IStringLocalizer l)
    {
        var text = l["plan:" + planId];
        return text.ResourceNotFound ? name ?? planId : text.Value;
    }

    private static string Usage(string kind, IStringLocalizer l) => l["usage:" + kind];

    private static string Provider(string reason)
    {
        var provider = TopUpProvider().Match(reason) is { Success: true } m ? m.Groups[1].Value : reason;
        return provider;
    }

    [GeneratedRegex(@"^(?<day>\d{4}-\d{2}-\d{2})/(?<what>\w+)$")]
    private static partial Regex ChargeSource();

    [GeneratedRegex(@"^(\d+) seat")]
    private static partial Regex SeatCount();

    [GeneratedRegex(@"^Top-up via (\S+)$")]
    private static partial Regex TopUpProvider();
}
