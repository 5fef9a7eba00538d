namespace Ktp.Domain.Billing;

/// <summary>Metered usage a plan includes and charges overage for.</summary>
public enum UsageKind
{
    CallMinutes,
    Messages,
    /// <summary>Recording storage in GB; rated on the month's peak stored volume, not a running sum.</summary>
    StorageGb,
    ApiCalls,
}

/// <summary>
/// Volume of one usage kind included in the monthly price, and the price of each unit beyond it.
/// The unit price may be finer than the currency's minor units (0.004 USD per API call); the resulting
/// charge is rounded with <see cref="Money.Round"/>.
/// </summary>
public sealed record UsageAllowance
{
    public UsageAllowance(decimal included, decimal overagePricePerUnit)
    {
        if (included < 0m) throw new BillingException($"Included volume cannot be negative ({included}).");
        if (overagePricePerUnit < 0m) throw new BillingException($"Overage price cannot be negative ({overagePricePerUnit}).");
        Included = included;
        OveragePricePerUnit = overagePricePerUnit;
    }

    public decimal Included { get; }
    public decimal OveragePricePerUnit { get; }

    /// <summary>A kind the plan does not meter: unlimited and free.</summary>
    public static readonly UsageAllowance NotMetered = new(decimal.MaxValue, 0m);
}
