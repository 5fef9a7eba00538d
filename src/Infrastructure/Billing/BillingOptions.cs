using Ktp.Domain.Access;
using Microsoft.Extensions.Configuration;

namespace Ktp.Infrastructure.Billing;

public sealed class BillingOptions
{
    /// <summary>Low-balance notice below this amount (in the account's currency).</summary>
    public decimal LowBalanceThreshold { get; init; } = 1000m;

    /// <summary>Days a balance may stay negative before the tenant is suspended.</summary>
    public int GraceDays { get; init; } = 3;

    /// <summary>Roles whose active users count as paid seats.</summary>
    public IReadOnlyList<string> SeatRoles { get; init; } = [Role.Operator, Role.Executor];

    public TimeSpan SchedulerInterval { get; init; } = TimeSpan.FromMinutes(10);

    public decimal MaxTopUp { get; init; } = 10_000_000m;

    public string PlatformName { get; init; } = "KTP Platform";
    public string PlatformRequisites { get; init; } = "";

    public static BillingOptions From(IConfiguration config)
    {
        var s = config.GetSection("Billing");
        return new BillingOptions
        {
            LowBalanceThreshold = s.GetValue("LowBalanceThreshold", 1000m),
            GraceDays = s.GetValue("GraceDays", 3),
            SeatRoles = s["SeatRoles"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [Role.Operator, Role.Executor],
            SchedulerInterval = TimeSpan.FromMinutes(s.GetValue("SchedulerMinutes", 10)),
            MaxTopUp = s.GetValue("MaxTopUp", 10_000_000m),
            PlatformName = s["PlatformName"] ?? "KTP Platform",
            PlatformRequisites = s["PlatformRequisites"] ?? "",
        };
    }
}
