using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Tenancy.Tests;

public sealed class BillingIsolationTests(TenancyHost host) : IClassFixture<TenancyHost>
{
    [Fact]
    public async Task A_new_tenant_starts_on_the_trial_plan_with_a_zero_balance()
    {
        var tenant = await host.SignUpAsync();
        using var scope = host.ActingAs(tenant, Privilege.BillingView);
        var balance = (await scope.ServiceProvider.GetRequiredService<BillingQueries>().BalanceAsync())!;
        balance.Balance.ShouldBe(0m);
        balance.PlanId.ShouldBe("standard");
        balance.TrialEndsOn.ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14));
    }

    [Fact]
    public async Task One_tenants_ledger_and_balance_never_show_another_tenants_money()
    {
        var a = await host.SignUpAsync();
        var b = await host.SignUpAsync();
        await using (var uow = await host.Database.Db.BeginTenantAsync(b.TenantId))
        {
            await host.Services.GetRequiredService<AccountStream>().DecideAsync(uow,
                new Adjust(Money.Of(777m, "RUB"), "B's bank transfer", "platform", DateTimeOffset.UtcNow), EventMetadata.System);
            await uow.CommitAsync();
        }

        using var scope = host.ActingAs(a, Privilege.BillingView);
        var billing = scope.ServiceProvider.GetRequiredService<BillingQueries>();
        (await billing.LedgerAsync()).ShouldBeEmpty();
        (await billing.BalanceAsync())!.Balance.ShouldBe(0m);
        var statement = await billing.StatementAsync(DateTime.UtcNow.Year, DateTime.UtcNow.Month);
        statement.TopUps.ShouldBe(0m);
        statement.Adjustments.ShouldBe(0m);
    }

    [Fact]
    public async Task Changing_to_an_unknown_plan_is_refused()
    {
        var tenant = await host.SignUpAsync();
        var platform = await host.SignUpAsync();
        using var scope = host.ActingAsKind(platform, "platform", Privilege.PlatformAdmin);
        var error = await Should.ThrowAsync<BillingException>(() =>
            scope.ServiceProvider.GetRequiredService<PlatformBilling>().ChangePlanAsync(tenant.TenantId, "no-such-plan", DateOnly.FromDateTime(DateTime.UtcNow)));
        error.Message.ShouldContain("Unknown plan");
    }

    [Fact]
    public async Task A_manual_credit_needs_a_comment_and_lands_in_the_ledger()
    {
        var tenant = await host.SignUpAsync();
        var platform = await host.SignUpAsync();
        using var scope = host.ActingAsKind(platform, "platform", Privilege.PlatformAdmin);
        var console = scope.ServiceProvider.GetRequiredService<PlatformBilling>();
        await Should.ThrowAsync<ValidationFailedException>(() => console.AdjustAsync(tenant.TenantId, 100m, " "));
        await Should.ThrowAsync<ValidationFailedException>(() => console.AdjustAsync(tenant.TenantId, 100.123m, "too precise"));
        await console.AdjustAsync(tenant.TenantId, 1500m, "Bank transfer 42");

        var (summary, ledger) = await console.SupportViewAsync(tenant.TenantId);
        summary.Balance.ShouldBe(1500m);
        ledger.Single().Reason.ShouldBe("Bank transfer 42");
    }
}
