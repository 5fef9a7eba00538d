using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

public class PlanTests
{
    private static Plan StandardWithTwoVersions() => new("standard", "Standard",
    [
        Standard(version: 1, effectiveFrom: new DateOnly(2025, 1, 1)),
        Standard(version: 2, effectiveFrom: new DateOnly(2025, 7, 1)),
    ]);

    [Fact]
    public void The_version_in_effect_is_the_latest_one_started_by_that_day()
    {
        var plan = StandardWithTwoVersions();

        plan.VersionOn(new DateOnly(2025, 6, 30)).Version.ShouldBe(1);
        plan.VersionOn(new DateOnly(2025, 7, 1)).Version.ShouldBe(2);
        Should.Throw<BillingException>(() => plan.VersionOn(new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public void Unknown_plan_is_rejected()
    {
        var catalog = new PlanCatalog([StandardWithTwoVersions()]);

        Should.Throw<BillingException>(() => catalog.Get("platinum")).Message.ShouldBe("Unknown plan 'platinum'.");
        Should.Throw<BillingException>(() => catalog.Get("standard", 3)).Message.ShouldBe("Plan 'standard' has no version 3.");
        catalog.Get("standard", 2).Version.ShouldBe(2);
    }

    [Fact]
    public void A_plan_has_one_currency()
    {
        var inDollars = new PlanVersion("standard", 2, new DateOnly(2025, 7, 1), Money.Of(20m, "USD"), 0);

        Should.Throw<CurrencyMismatchException>(() => new Plan("standard", "Standard", [Standard(), inDollars]));
    }

    [Fact]
    public void Versions_must_take_effect_in_order()
    {
        Should.Throw<BillingException>(() => new Plan("standard", "Standard",
            [Standard(version: 1, effectiveFrom: new DateOnly(2025, 7, 1)), Standard(version: 2, effectiveFrom: new DateOnly(2025, 1, 1))]));
    }

    [Fact]
    public void Negative_prices_and_trials_are_rejected()
    {
        Should.Throw<BillingException>(() => new PlanVersion("p", 1, new DateOnly(2025, 1, 1), Rub(-1m), 0));
        Should.Throw<BillingException>(() => new PlanVersion("p", 1, new DateOnly(2025, 1, 1), Rub(1m), -1));
        Should.Throw<BillingException>(() => new UsageAllowance(10m, -0.01m));
        Should.Throw<BillingException>(() => new UsageAllowance(-10m, 1m));
    }
}
