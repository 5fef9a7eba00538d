namespace Ktp.Domain.Billing;

/// <summary>
/// The prices of one version of a plan. Versions are immutable once published; a price change is a new
/// version with a later <see cref="EffectiveFrom"/>. An account stays on the version it was put on until
/// its plan is changed.
/// </summary>
public sealed class PlanVersion
{
    private readonly Dictionary<UsageKind, UsageAllowance> _usage;

    /// <param name="effectiveFrom">First day this version can be chosen for an account.</param>
    /// <param name="seatPricePerMonth">Monthly price of one operator seat, in the plan's currency.</param>
    /// <param name="usage">Allowances per usage kind; a kind left out is not metered (free, unlimited).</param>
    public PlanVersion(
        string planId, int version, DateOnly effectiveFrom, Money seatPricePerMonth, int trialDays,
        IReadOnlyDictionary<UsageKind, UsageAllowance>? usage = null)
    {
        if (string.IsNullOrWhiteSpace(planId)) throw new BillingException("A plan needs an id.");
        if (version < 1) throw new BillingException($"Plan version must be 1 or more, not {version}.");
        ArgumentNullException.ThrowIfNull(seatPricePerMonth);
        if (seatPricePerMonth.IsNegative) throw new BillingException($"Seat price cannot be negative ({seatPricePerMonth}).");
        if (trialDays < 0) throw new BillingException($"Trial days cannot be negative ({trialDays}).");
        PlanId = planId;
        Version = version;
        EffectiveFrom = effectiveFrom;
        SeatPricePerMonth = seatPricePerMonth;
        TrialDays = trialDays;
        _usage = usage is null ? [] : new Dictionary<UsageKind, UsageAllowance>(usage);
    }

    public string PlanId { get; }
    public int Version { get; }
    public DateOnly EffectiveFrom { get; }
    public Money SeatPricePerMonth { get; }
    public Currency Currency => SeatPricePerMonth.Currency;
    public int TrialDays { get; }
    public IReadOnlyDictionary<UsageKind, UsageAllowance> Usage => _usage;

    public UsageAllowance AllowanceFor(UsageKind kind) => _usage.GetValueOrDefault(kind, UsageAllowance.NotMetered);

    public override string ToString() => $"{PlanId} v{Version}";
}
