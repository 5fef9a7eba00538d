using Ktp.Domain.Billing;

namespace Ktp.Domain.Tests.Billing;

public sealed class ManualSuspensionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Account Open()
    {
        var plan = new PlanVersion("std", 1, new DateOnly(2026, 1, 1), Money.Of(1000m, "RUB"), 0);
        var account = new Account();
        foreach (var e in AccountDecisions.Decide(account, new OpenAccount(plan, new DateOnly(2026, 3, 1), T0))) account.Apply(e);
        return account;
    }

    private static Account With(Account account, object command)
    {
        foreach (var e in AccountDecisions.Decide(account, command)) account.Apply(e);
        return account;
    }

    [Fact]
    public void A_manual_suspension_is_not_lifted_by_a_payment_or_the_grace_check()
    {
        var account = With(Open(), new SuspendByAdmin("Contract dispute", "admin", T0));
        account.Suspended.ShouldBeTrue();

        var topUp = AccountDecisions.Decide(account, new TopUp(Money.Of(500m, "RUB"), "stripe", "cs_1", T0.AddHours(1)));
        topUp.ShouldNotContain(e => e is AccountResumed);
        foreach (var e in topUp) account.Apply(e);
        AccountDecisions.Decide(account, new CheckGracePeriod(T0.AddDays(1), 3)).ShouldBeEmpty();

        var resumed = AccountDecisions.Decide(account, new ResumeByAdmin("Settled", "admin", T0.AddDays(2)));
        resumed.Single().ShouldBeOfType<AccountResumed>().ByAdmin.ShouldBe("admin");
    }

    [Theory]
    [InlineData("", "admin")]
    [InlineData("reason", " ")]
    public void A_manual_suspension_needs_a_reason_and_an_actor(string reason, string by)
    {
        Should.Throw<BillingException>(() => AccountDecisions.Decide(Open(), new SuspendByAdmin(reason, by, T0)));
    }

    [Fact]
    public void Suspending_twice_or_resuming_an_active_account_records_nothing()
    {
        var account = With(Open(), new SuspendByAdmin("x", "admin", T0));
        AccountDecisions.Decide(account, new SuspendByAdmin("again", "admin", T0)).ShouldBeEmpty();
        AccountDecisions.Decide(Open(), new ResumeByAdmin("no need", "admin", T0)).ShouldBeEmpty();
    }
}
