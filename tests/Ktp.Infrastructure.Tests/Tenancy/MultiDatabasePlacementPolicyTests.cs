using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Tests.Tenancy;

/// <summary>The placement policy alone (ADR 0009); MultiDatabaseTenancyTests shows it against real databases.</summary>
public sealed class MultiDatabasePlacementPolicyTests
{
    [Fact]
    public void The_policy_picks_the_fewest_tenants_skips_full_databases_and_breaks_ties_by_id()
    {
        TenantPlacement.Choose([new("a", "", false, 3), new("b", "", false, 1), new("c", "", false, 1)]).ShouldBe("b");
        TenantPlacement.Choose([new("a", "", false, 3), new("b", "", true, 0)]).ShouldBe("a");
        TenantPlacement.Choose([new("a", "", true, 0)]).ShouldBeNull();
    }
}
