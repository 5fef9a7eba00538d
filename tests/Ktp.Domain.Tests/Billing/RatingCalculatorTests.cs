using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

public class RatingCalculatorTests
{
    private static readonly DateOnly June1 = new(2025, 6, 1);

    private static Dictionary<UsageKind, decimal> Usage(params (UsageKind Kind, decimal Amount)[] usage) =>
        usage.ToDictionary(u => u.Kind, u => u.Amount);

    [Fact]
    public void Seats_are_charged_the_days_share_of_the_monthly_seat_price()
    {
        // 1500 RUB a seat over 30 days of June = 50.00 a seat a day.
        var charges = RatingCalculator.RateDay(Standard(), June1, 4, NoUsage, NoUsage);

        var seats = charges.ShouldHaveSingleItem();
        seats.Kind.ShouldBe(ChargeKind.Seats);
        seats.Quantity.ShouldBe(4m);
        seats.Amount.ShouldBe(Rub(200m));
    }

    [Fact]
    public void No_seats_and_no_overage_charge_nothing()
    {
        RatingCalculator.RateDay(Standard(), June1, 0, Usage((UsageKind.CallMinutes, 999m)), NoUsage).ShouldBeEmpty();
    }

    [Fact]
    public void Usage_within_the_included_volume_is_not_charged()
    {
        var charges = RatingCalculator.RateDay(Standard(), June1, 1,
            Usage((UsageKind.CallMinutes, 1000m), (UsageKind.Messages, 10m), (UsageKind.StorageGb, 50m)), NoUsage);

        charges.ShouldAllBe(c => c.Kind == ChargeKind.Seats);
    }

    [Fact]
    public void Overage_is_charged_per_unit_beyond_the_included_volume()
    {
        var charges = RatingCalculator.RateDay(Standard(), June1, 0, Usage((UsageKind.CallMinutes, 1012m)), NoUsage);

        var overage = charges.ShouldHaveSingleItem();
        overage.Kind.ShouldBe(ChargeKind.Overage);
        overage.Usage.ShouldBe(UsageKind.CallMinutes);
        overage.Quantity.ShouldBe(12m);
        overage.Amount.ShouldBe(Rub(18m));
    }

    [Fact]
    public void Overage_already_charged_this_month_is_not_charged_again()
    {
        var charges = RatingCalculator.RateDay(Standard(), June1.AddDays(1), 0,
            Usage((UsageKind.CallMinutes, 1020m)), Usage((UsageKind.CallMinutes, 12m)));

        var overage = charges.ShouldHaveSingleItem();
        overage.Quantity.ShouldBe(8m);
        overage.Amount.ShouldBe(Rub(12m));
    }

    [Fact]
    public void Usage_that_went_down_charges_nothing()
    {
        RatingCalculator.RateDay(Standard(), June1, 0, Usage((UsageKind.CallMinutes, 1005m)), Usage((UsageKind.CallMinutes, 12m)))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Overage_finer_than_a_kopeck_is_charged_once_it_adds_up_and_the_month_total_is_exact()
    {
        // 0.004 RUB per API call beyond 10000.
        var plan = Standard();
        RatingCalculator.RateDay(plan, June1, 0, Usage((UsageKind.ApiCalls, 10001m)), NoUsage).ShouldBeEmpty();

        var day2 = RatingCalculator.RateDay(plan, June1.AddDays(1), 0, Usage((UsageKind.ApiCalls, 10003m)), NoUsage).ShouldHaveSingleItem();
        day2.Quantity.ShouldBe(3m);
        day2.Amount.ShouldBe(Rub(0.01m));

        var day3 = RatingCalculator.RateDay(plan, June1.AddDays(2), 0, Usage((UsageKind.ApiCalls, 10005m)), Usage((UsageKind.ApiCalls, 3m))).ShouldHaveSingleItem();
        day3.Quantity.ShouldBe(2m);
        day3.Amount.ShouldBe(Rub(0.01m));
        (day2.Amount + day3.Amount).ShouldBe(Money.Round(5 * 0.004m, Currency.RUB));
    }

    [Fact]
    public void Kinds_the_plan_does_not_meter_are_free()
    {
        RatingCalculator.RateDay(Pro(), June1, 0, Usage((UsageKind.Messages, 1_000_000m)), NoUsage).ShouldBeEmpty();
    }

    [Fact]
    public void Seats_and_overage_of_several_kinds_are_separate_lines()
    {
        var charges = RatingCalculator.RateDay(Standard(), June1, 2,
            Usage((UsageKind.CallMinutes, 1100m), (UsageKind.StorageGb, 52.5m)), NoUsage);

        charges.Select(c => (c.Kind, c.Usage, c.Amount)).ShouldBe(new (ChargeKind, UsageKind?, Money)[]
        {
            (ChargeKind.Seats, null, Rub(100m)),
            (ChargeKind.Overage, UsageKind.CallMinutes, Rub(150m)),
            (ChargeKind.Overage, UsageKind.StorageGb, Rub(30m)),
        });
    }

    [Fact]
    public void Negative_seats_or_usage_are_rejected()
    {
        Should.Throw<BillingException>(() => RatingCalculator.RateDay(Standard(), June1, -1, NoUsage, NoUsage));
        Should.Throw<BillingException>(() => RatingCalculator.RateDay(Standard(), June1, 1, Usage((UsageKind.Messages, -1m)), NoUsage));
    }
}
