using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

public class ProrationTests
{
    private static readonly DateOnly March1 = new(2025, 3, 1);

    [Fact]
    public void A_day_costs_the_monthly_price_over_the_days_in_the_month_rounded_cumulatively()
    {
        Proration.ForDay(Rub(1000m), new DateOnly(2025, 3, 1)).ShouldBe(Rub(32.26m));
        Proration.ForDay(Rub(1000m), new DateOnly(2025, 3, 2)).ShouldBe(Rub(32.26m));
        Proration.ForDay(Rub(1000m), new DateOnly(2025, 3, 3)).ShouldBe(Rub(32.25m));
    }

    [Theory]
    [InlineData(2025, 2)]
    [InlineData(2024, 2)]
    [InlineData(2025, 3)]
    [InlineData(2025, 4)]
    public void The_days_of_a_whole_month_add_up_to_exactly_the_monthly_price(int year, int month)
    {
        var price = Rub(1000m);
        var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, d));

        days.Aggregate(Rub(0m), (sum, day) => sum + Proration.ForDay(price, day)).ShouldBe(price);
        Proration.ForDays(price, new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month))).ShouldBe(price);
    }

    [Fact]
    public void A_range_split_anywhere_adds_up_to_the_whole_range()
    {
        var price = Rub(999.99m);
        var whole = Proration.ForDays(price, new DateOnly(2025, 1, 20), new DateOnly(2025, 3, 10));

        for (var cut = new DateOnly(2025, 1, 20); cut < new DateOnly(2025, 3, 10); cut = cut.AddDays(1))
            (Proration.ForDays(price, new DateOnly(2025, 1, 20), cut) + Proration.ForDays(price, cut.AddDays(1), new DateOnly(2025, 3, 10)))
                .ShouldBe(whole);
    }

    [Fact]
    public void A_range_across_months_prorates_each_month_by_its_own_length()
    {
        // 30–31 January: 3100 × 2/31 = 200.00; 1–2 February: 3100 × 2/28 = 221.428… → 221.43.
        Proration.ForDays(Rub(3100m), new DateOnly(2025, 1, 30), new DateOnly(2025, 2, 2)).ShouldBe(Rub(421.43m));
    }

    [Fact]
    public void Half_a_minor_unit_rounds_away_from_zero()
    {
        // 0.15 USD over a 30-day month: day 1 is 0.5 cent, which rounds up to 0.01 (banker's would give 0.00).
        Proration.ForDay(Money.Of(0.15m, "USD"), new DateOnly(2025, 6, 1)).ShouldBe(Money.Of(0.01m, "USD"));
        Proration.ForDay(Money.Of(0.15m, "USD"), new DateOnly(2025, 6, 2)).ShouldBe(Money.Of(0m, "USD"));
    }

    [Fact]
    public void Zero_decimal_currencies_prorate_to_whole_units()
    {
        var yen = Money.Of(1000m, "JPY");

        Proration.ForDay(yen, new DateOnly(2025, 6, 1)).ShouldBe(Money.Of(33m, "JPY"));
        Proration.ForDay(yen, new DateOnly(2025, 6, 2)).ShouldBe(Money.Of(34m, "JPY"));
        Proration.ForDays(yen, new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30)).ShouldBe(yen);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_rejected()
    {
        Should.Throw<BillingException>(() => Proration.ForDays(Rub(100m), March1, March1.AddDays(-1)));
    }
}
