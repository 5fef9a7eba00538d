using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

public class StatementTests
{
    [Fact]
    public void A_statement_opens_with_the_balance_before_the_period_and_totals_each_kind()
    {
        var may = new DateTimeOffset(2025, 5, 20, 9, 0, 0, TimeSpan.Zero);
        var june = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        object[] events =
        [
            new AccountToppedUp(1000m, "RUB", "stripe", "cs_1", may),
            new AccountCharged(50m, "RUB", "seats", "rating", "2025-05-31/seats", new DateOnly(2025, 5, 31), null, 1m, may.AddDays(11)),
            new AccountCharged(50m, "RUB", "seats", "rating", "2025-06-01/seats", new DateOnly(2025, 6, 1), null, 1m, june.AddHours(1)),
            new AccountRefunded(100m, "RUB", "asked", "stripe", "cs_1", "re_1", june.AddDays(2)),
            new AccountAdjusted(-10.5m, "RUB", "fix", "admin", june.AddDays(3)),
            new LowBalanceNotified(789.5m, 800m, "RUB", june.AddDays(3)),
            new AccountToppedUp(300m, "RUB", "stripe", "cs_2", june.AddMonths(1)),
        ];

        var statement = AccountStatement.For(AccountLedger.Entries(events), Currency.RUB, june, june.AddMonths(1));

        statement.Opening.ShouldBe(Rub(950m));
        statement.Charges.ShouldBe(Rub(-50m));
        statement.Refunds.ShouldBe(Rub(-100m));
        statement.Adjustments.ShouldBe(Rub(-10.5m));
        statement.TopUps.ShouldBe(Rub(0m));
        statement.Closing.ShouldBe(Rub(789.5m));
        statement.Entries.Select(e => e.Kind).ShouldBe([LedgerEntryKind.Charge, LedgerEntryKind.Refund, LedgerEntryKind.Adjustment]);
    }
}
