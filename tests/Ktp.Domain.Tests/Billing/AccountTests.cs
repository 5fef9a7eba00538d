using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

public class AccountTests
{
    private static readonly DateOnly June1 = new(2025, 6, 1);

    private static ChargeDay Day(DateOnly day, int seats = 1, PlanVersion? plan = null, decimal callMinutes = 0m) =>
        new(day, plan ?? Standard(), seats, new Dictionary<UsageKind, decimal> { [UsageKind.CallMinutes] = callMinutes }, At(day));

    private static TopUp TopUp(decimal amount, string paymentId = "cs_1", string currency = "RUB") =>
        new(Money.Of(amount, currency), "stripe", paymentId, Noon);

    [Fact]
    public void Opening_takes_the_plans_currency_and_trial()
    {
        var events = AccountDecisions.Decide(new Account(), Open(Standard(trialDays: 14)));

        events.ShouldHaveSingleItem().ShouldBe(
            new AccountOpened("RUB", "standard", 1, June1, new DateOnly(2025, 6, 15), Noon));
    }

    [Fact]
    public void An_account_cannot_be_opened_twice()
    {
        Should.Throw<BillingException>(() => AccountDecisions.Decide(Opened(), Open()));
    }

    [Fact]
    public void Commands_on_an_account_not_opened_are_rejected()
    {
        Should.Throw<BillingException>(() => AccountDecisions.Decide(new Account(), TopUp(100m)))
            .Message.ShouldBe("The account is not open.");
    }

    [Fact]
    public void Charging_a_day_records_each_line_with_its_source()
    {
        var account = Opened();

        var events = account.Run(Day(June1, seats: 2, callMinutes: 1010m));

        events.Cast<AccountCharged>().Select(c => (c.Amount, c.SourceType, c.SourceId, c.UsageKind, c.Quantity)).ShouldBe(new[]
        {
            (100.00m, "rating", "2025-06-01/seats", (string?)null, 2m),
            (15.00m, "rating", "2025-06-01/CallMinutes", "CallMinutes", 10m),
        });
        account.Balance.ShouldBe(Rub(-115m));
        account.Version.ShouldBe(3);
    }

    [Fact]
    public void Charging_the_same_day_twice_charges_once()
    {
        var account = Opened();
        account.Run(Day(June1, seats: 3));

        AccountDecisions.Decide(account, Day(June1, seats: 5)).ShouldBeEmpty();
        account.Balance.ShouldBe(Rub(-150m));
    }

    [Fact]
    public void Overage_charged_on_earlier_days_of_the_month_is_not_charged_again()
    {
        var account = Opened();
        account.Run(Day(June1, seats: 0, callMinutes: 1010m));

        var second = account.Run(Day(June1.AddDays(1), seats: 0, callMinutes: 1014m)).Cast<AccountCharged>().ShouldHaveSingleItem();

        second.Quantity.ShouldBe(4m);
        second.Amount.ShouldBe(6.00m);
        account.OverageUnitsCharged(June1).ShouldBe(new Dictionary<UsageKind, decimal> { [UsageKind.CallMinutes] = 14m });
        account.OverageUnitsCharged(new DateOnly(2025, 7, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void Days_in_the_trial_are_not_charged()
    {
        var account = Opened(Standard(trialDays: 14));

        AccountDecisions.Decide(account, Day(new DateOnly(2025, 6, 14), seats: 10)).ShouldBeEmpty();
        AccountDecisions.Decide(account, Day(new DateOnly(2025, 6, 15), seats: 10)).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_day_must_be_charged_on_the_accounts_plan_for_that_day()
    {
        var account = Opened();

        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, Day(June1, plan: Pro())))
            .Message.ShouldBe("On 2025-06-01 the account is on standard v1, not pro v1.");
    }

    [Fact]
    public void A_plan_change_applies_from_its_day_so_the_month_is_prorated()
    {
        var account = Opened();
        account.Run(new ChangePlan(Pro(), new DateOnly(2025, 6, 16), Noon)).ShouldHaveSingleItem().ShouldBeOfType<PlanChanged>();

        for (var day = June1; day.Month == 6; day = day.AddDays(1))
            account.Run(Day(day, seats: 1, plan: day.Day < 16 ? Standard() : Pro()));

        // 15 days of 1500 + 15 days of 3000, each exactly half a 30-day month.
        account.Balance.ShouldBe(Rub(-(750m + 1500m)));
        account.Balance.ShouldBe(-(Proration.ForDays(Rub(1500m), June1, new DateOnly(2025, 6, 15))
                                   + Proration.ForDays(Rub(3000m), new DateOnly(2025, 6, 16), new DateOnly(2025, 6, 30))));
    }

    [Fact]
    public void A_plan_change_cannot_reach_back_over_charged_days()
    {
        var account = Opened();
        account.Run(Day(new DateOnly(2025, 6, 10)));

        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new ChangePlan(Pro(), new DateOnly(2025, 6, 10), Noon)));
    }

    [Fact]
    public void A_plan_in_another_currency_is_rejected()
    {
        var dollars = new PlanVersion("intl", 1, new DateOnly(2025, 1, 1), Money.Of(20m, "USD"), 0);

        Should.Throw<CurrencyMismatchException>(() => AccountDecisions.Decide(Opened(), new ChangePlan(dollars, new DateOnly(2025, 7, 1), Noon)));
    }

    [Fact]
    public void Top_up_credits_the_balance()
    {
        var account = Opened();

        account.Run(TopUp(500m)).ShouldBe([new AccountToppedUp(500m, "RUB", "stripe", "cs_1", Noon)]);

        account.Balance.ShouldBe(Rub(500m));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    public void Top_up_of_zero_or_a_negative_amount_is_rejected(string amount)
    {
        var error = Should.Throw<BillingException>(() => AccountDecisions.Decide(Opened(), TopUp(decimal.Parse(amount))));

        error.Message.ShouldStartWith("A top-up must be more than zero");
    }

    [Fact]
    public void Top_up_of_zero_is_rejected()
    {
        Should.Throw<BillingException>(() => AccountDecisions.Decide(Opened(), TopUp(0m)))
            .Message.ShouldBe("A top-up must be more than zero, not 0.00 RUB.");
    }

    [Fact]
    public void Top_up_in_another_currency_is_rejected()
    {
        Should.Throw<CurrencyMismatchException>(() => AccountDecisions.Decide(Opened(), TopUp(10m, currency: "USD")))
            .Message.ShouldBe("Currency mismatch: expected RUB, got USD.");
    }

    [Fact]
    public void Top_up_with_a_payment_id_already_credited_changes_nothing()
    {
        var account = Opened();
        account.Run(TopUp(500m, "cs_42"));

        AccountDecisions.Decide(account, TopUp(500m, "cs_42")).ShouldBeEmpty();
        account.Balance.ShouldBe(Rub(500m));
    }

    [Fact]
    public void Top_up_repeating_a_payment_id_with_another_amount_is_rejected()
    {
        var account = Opened();
        account.Run(TopUp(500m, "cs_42"));

        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, TopUp(900m, "cs_42")));
    }

    [Fact]
    public void Refund_pays_back_part_of_a_top_up_once()
    {
        var account = Opened();
        account.Run(TopUp(500m, "cs_1"));
        var refund = new Refund(Rub(200m), "stripe", "cs_1", "re_1", "Customer asked", Noon);

        account.Run(refund).ShouldHaveSingleItem().ShouldBeOfType<AccountRefunded>();
        AccountDecisions.Decide(account, refund).ShouldBeEmpty();

        account.Balance.ShouldBe(Rub(300m));
        account.Payment("stripe", "cs_1")!.Refundable.ShouldBe(300m);
    }

    [Fact]
    public void Refund_beyond_the_payment_or_the_balance_or_of_an_unknown_payment_is_rejected()
    {
        var account = Opened();
        account.Run(TopUp(500m, "cs_1"));
        account.Run(TopUp(500m, "cs_2"));

        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new Refund(Rub(600m), "stripe", "cs_1", "re_1", "x", Noon)));
        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new Refund(Rub(10m), "stripe", "cs_9", "re_1", "x", Noon)));
        account.Run(Day(June1, seats: 18)); // 900.00 spent
        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new Refund(Rub(200m), "stripe", "cs_1", "re_1", "x", Noon)))
            .Message.ShouldContain("exceeds the balance");
    }

    [Fact]
    public void Adjustment_needs_a_comment_and_a_non_zero_amount()
    {
        var account = Opened();

        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new Adjust(Rub(10m), " ", "admin", Noon)))
            .Message.ShouldBe("An adjustment needs a comment saying why.");
        Should.Throw<BillingException>(() => AccountDecisions.Decide(account, new Adjust(Rub(0m), "goodwill", "admin", Noon)));
        account.Run(new Adjust(Rub(-25.5m), "Manual correction of March calls", "admin", Noon));
        account.Balance.ShouldBe(Rub(-25.5m));
    }

    [Fact]
    public void Account_negative_longer_than_the_grace_period_is_suspended()
    {
        var account = Opened();
        account.Run(Day(June1, seats: 1));
        account.NegativeSince.ShouldBe(At(June1));

        AccountDecisions.Decide(account, new CheckGracePeriod(At(June1).AddDays(3), GraceDays: 3)).ShouldBeEmpty();
        var suspended = account.Run(new CheckGracePeriod(At(June1).AddDays(3).AddMinutes(1), GraceDays: 3)).ShouldHaveSingleItem();

        suspended.ShouldBeOfType<AccountSuspended>().NegativeSince.ShouldBe(At(June1));
        account.Suspended.ShouldBeTrue();
        AccountDecisions.Decide(account, new CheckGracePeriod(At(June1).AddDays(10), GraceDays: 3)).ShouldBeEmpty();
    }

    [Fact]
    public void A_suspended_account_resumes_as_soon_as_a_top_up_covers_the_debt()
    {
        var account = Opened();
        account.Run(Day(June1, seats: 2)); // -100.00
        account.Run(new CheckGracePeriod(At(June1).AddDays(8), GraceDays: 7));

        account.Run(TopUp(60m, "cs_a")).ShouldHaveSingleItem();
        account.Suspended.ShouldBeTrue();

        var events = account.Run(TopUp(40m, "cs_b"));
        events.Count.ShouldBe(2);
        events[1].ShouldBeOfType<AccountResumed>();
        account.Suspended.ShouldBeFalse();
        account.NegativeSince.ShouldBeNull();
    }

    [Fact]
    public void A_positive_balance_clears_the_negative_clock()
    {
        var account = Opened();
        account.Run(Day(June1));
        account.Run(TopUp(100m));
        account.Run(Day(new DateOnly(2025, 6, 20), seats: 10));

        account.NegativeSince.ShouldBe(At(new DateOnly(2025, 6, 20)));
        AccountDecisions.Decide(account, new CheckGracePeriod(At(new DateOnly(2025, 6, 22)), 7)).ShouldBeEmpty();
    }

    [Fact]
    public void Low_balance_is_notified_once_per_crossing()
    {
        var account = Opened();
        account.Run(TopUp(1000m, "cs_1"));
        var check = new NotifyLowBalance(Rub(500m), Noon);

        AccountDecisions.Decide(account, check).ShouldBeEmpty();
        account.Run(Day(June1, seats: 12)); // -600.00 → 400.00
        account.Run(check).ShouldHaveSingleItem().ShouldBe(new LowBalanceNotified(400m, 500m, "RUB", Noon));
        AccountDecisions.Decide(account, check).ShouldBeEmpty();

        account.Run(TopUp(200m, "cs_2"));
        account.LowBalanceNotifiedBelow.ShouldBeNull();
        account.Run(Day(June1.AddDays(1), seats: 4)); // → 400.00 again
        account.Run(check).ShouldHaveSingleItem();
    }

    [Fact]
    public void State_is_rebuilt_the_same_from_the_stored_events()
    {
        var account = Opened();
        var events = new List<object> { AccountDecisions.Decide(new Account(), Open()).Single() };
        foreach (var command in new object[] { TopUp(100m), Day(June1, seats: 3), new CheckGracePeriod(At(June1).AddDays(9), 7) })
            events.AddRange(account.Run(command));

        var rebuilt = Account.From(events);

        rebuilt.Balance.ShouldBe(account.Balance);
        rebuilt.Version.ShouldBe(account.Version);
        rebuilt.Suspended.ShouldBe(account.Suspended);
        rebuilt.ChargedDays.ShouldBe(account.ChargedDays);
    }

    [Fact]
    public void Every_account_event_has_a_stable_name()
    {
        var eventTypes = typeof(Account).GetMethods(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            .Where(m => m.Name == "Apply")
            .Select(m => m.GetParameters().Single().ParameterType);

        AccountEventNames.All.Keys.ShouldBe(eventTypes, ignoreOrder: true);
        AccountEventNames.All.Values.ShouldAllBe(n => n.StartsWith("account."));
        AccountEventNames.All.Values.Distinct().Count().ShouldBe(AccountEventNames.All.Count);
    }
}
