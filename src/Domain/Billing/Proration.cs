namespace Ktp.Domain.Billing;

/// <summary>
/// Daily proration of a monthly price.
/// <para>
/// Rule: within a month of D days, the days a..b (inclusive) cost
/// <c>round(P × b / D) − round(P × (a − 1) / D)</c>, where round is half away from zero to the currency's
/// minor units, computed exactly in integer minor units. A range over several months is the sum of its
/// parts in each month.
/// </para>
/// <para>
/// So a whole month costs exactly P, one day costs P / D give or take one minor unit, and cutting a range
/// anywhere (a plan change, a missed day charged later) never adds or loses a minor unit: the parts always
/// add up to the whole. 1000.00 RUB over March (31 days) is 32.26 on 1 and 2 March, 32.25 on 3 March, …,
/// and 1000.00 for the month.
/// </para>
/// </summary>
public static class Proration
{
    /// <summary>The share of <paramref name="monthlyPrice"/> for the days <paramref name="from"/>..<paramref name="to"/>, both included.</summary>
    public static Money ForDays(Money monthlyPrice, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(monthlyPrice);
        if (monthlyPrice.IsNegative) throw new BillingException($"A monthly price cannot be negative ({monthlyPrice}).");
        if (to < from) throw new BillingException($"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ends before it starts.");

        var price = monthlyPrice.ToMinorUnits();
        long total = 0;
        for (var start = from; start <= to;)
        {
            var daysInMonth = DateTime.DaysInMonth(start.Year, start.Month);
            var monthEnd = new DateOnly(start.Year, start.Month, daysInMonth);
            var end = to < monthEnd ? to : monthEnd;
            total += CumulativeShare(price, end.Day, daysInMonth) - CumulativeShare(price, start.Day - 1, daysInMonth);
            start = end.AddDays(1);
        }
        return Money.FromMinorUnits(total, monthlyPrice.Currency);
    }

    /// <summary>The share of <paramref name="monthlyPrice"/> for one day.</summary>
    public static Money ForDay(Money monthlyPrice, DateOnly day) => ForDays(monthlyPrice, day, day);

    // round(price × days / daysInMonth), half away from zero, for non-negative integers.
    private static long CumulativeShare(long price, int days, int daysInMonth)
    {
        var numerator = checked(price * days);
        var quotient = Math.DivRem(numerator, daysInMonth, out var remainder);
        return 2 * remainder >= daysInMonth ? quotient + 1 : quotient;
    }
}
