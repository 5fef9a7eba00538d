using System.Globalization;

namespace Ktp.Domain.Billing;

public enum ChargeKind
{
    Seats,
    Overage,
}

/// <summary>One line the daily rating charges: seats for the day, or new overage of one usage kind.</summary>
public sealed record RatedCharge(ChargeKind Kind, UsageKind? Usage, decimal Quantity, Money Amount, string Reason);

/// <summary>
/// Prices one day of an account. Pure: the caller gathers the inputs.
/// <list type="bullet">
/// <item>Seats: seats × the day's share of the monthly seat price (<see cref="Proration.ForDay"/>), so a seat
/// held for a whole month costs exactly the monthly price.</item>
/// <item>Overage, per usage kind: the usage month-to-date beyond the included volume, less the overage units
/// already charged this month. Its amount is round(total overage × unit price) − round(already charged × unit
/// price), so a month's overage charges add up to its rounded total however the days split it. Usage that
/// went down charges nothing (no credit).</item>
/// </list>
/// Zero-amount lines are left out; overage units too small to cost a minor unit stay uncharged and are
/// charged once they add up.
/// </summary>
public static class RatingCalculator
{
    /// <param name="usageMonthToDate">Usage from the first of the month (or the end of the trial, if later)
    /// up to and including <paramref name="day"/>; for <see cref="UsageKind.StorageGb"/> the month's peak.</param>
    /// <param name="overageUnitsAlreadyCharged">Overage units of this month already charged on earlier days
    /// (<see cref="Account.OverageUnitsCharged"/>).</param>
    public static IReadOnlyList<RatedCharge> RateDay(
        PlanVersion plan, DateOnly day, int activeSeats,
        IReadOnlyDictionary<UsageKind, decimal> usageMonthToDate,
        IReadOnlyDictionary<UsageKind, decimal> overageUnitsAlreadyCharged)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (activeSeats < 0) throw new BillingException($"Active seats cannot be negative ({activeSeats}).");
        var charges = new List<RatedCharge>();

        var seatShare = Proration.ForDay(plan.SeatPricePerMonth, day);
        var seats = seatShare.Times(activeSeats);
        if (!seats.IsZero)
            charges.Add(new RatedCharge(ChargeKind.Seats, null, activeSeats, seats,
                $"{activeSeats} seat(s) × {plan.SeatPricePerMonth}/month, {day:yyyy-MM-dd} ({plan})"));

        foreach (var (kind, used) in usageMonthToDate.OrderBy(u => u.Key))
        {
            if (used < 0m) throw new BillingException($"Usage of {kind} cannot be negative ({used}).");
            var allowance = plan.AllowanceFor(kind);
            if (allowance.OveragePricePerUnit == 0m || used <= allowance.Included) continue;

            var overTotal = used - allowance.Included;
            var charged = overageUnitsAlreadyCharged.GetValueOrDefault(kind);
            var newUnits = overTotal - charged;
            if (newUnits <= 0m) continue;

            var amount = Money.Round(overTotal * allowance.OveragePricePerUnit, plan.Currency)
                         - Money.Round(charged * allowance.OveragePricePerUnit, plan.Currency);
            if (!amount.IsPositive) continue;
            charges.Add(new RatedCharge(ChargeKind.Overage, kind, newUnits, amount,
                $"{kind} overage: {Format(newUnits)} over {Format(allowance.Included)} included × {Format(allowance.OveragePricePerUnit)} {plan.Currency.Code}, {day:yyyy-MM-dd} ({plan})"));
        }
        return charges;
    }

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
