namespace Ktp.Domain.Billing;

/// <summary>
/// State of a tenant's account, built by applying its events in order. <c>Apply</c> only assigns state;
/// the rules live in <see cref="AccountDecisions"/>. A new instance is an account not opened yet.
/// </summary>
public sealed class Account
{
    private readonly HashSet<DateOnly> _chargedDays = [];
    private readonly Dictionary<string, PaymentTotals> _payments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refundIds = new(StringComparer.Ordinal);
    private readonly List<PlanPeriod> _plans = [];
    private readonly Dictionary<(int Year, int Month, UsageKind Kind), decimal> _overageUnits = [];
    private Currency? _currency;
    private decimal _balance;

    /// <summary>Number of events applied: the expected version for the next append.</summary>
    public long Version { get; private set; }

    public bool IsOpen => _currency is not null;
    public Currency Currency => _currency ?? throw NotOpen();
    public Money Balance => Money.Of(_balance, Currency);
    public DateOnly StartsOn { get; private set; }
    public DateOnly TrialEndsOn { get; private set; }
    public bool Suspended { get; private set; }

    /// <summary>Suspended by a platform admin: payments and the grace check do not lift it.</summary>
    public bool SuspendedByAdmin { get; private set; }

    /// <summary>When the balance last went below zero; null while it is zero or above.</summary>
    public DateTimeOffset? NegativeSince { get; private set; }

    /// <summary>Threshold of the outstanding low-balance notification; null once the balance is back at or above it.</summary>
    public decimal? LowBalanceNotifiedBelow { get; private set; }

    public IReadOnlySet<DateOnly> ChargedDays => _chargedDays;

    /// <summary>Plan periods in order of their first day.</summary>
    public IReadOnlyList<PlanPeriod> Plans => _plans;

    public static Account From(IEnumerable<object> events)
    {
        var account = new Account();
        foreach (var e in events) account.Apply(e);
        return account;
    }

    /// <summary>The plan the account is on for <paramref name="day"/>, or null before the account starts.</summary>
    public PlanPeriod? PlanOn(DateOnly day) => _plans.LastOrDefault(p => p.EffectiveFrom <= day);

    public bool IsPaymentCredited(string provider, string paymentId) => _payments.ContainsKey(PaymentKey(provider, paymentId));

    /// <summary>Amount credited by a payment, and how much of it has been refunded; null for an unknown payment.</summary>
    public PaymentTotals? Payment(string provider, string paymentId) => _payments.GetValueOrDefault(PaymentKey(provider, paymentId));

    public bool IsRefundRecorded(string refundId) => _refundIds.Contains(refundId);

    /// <summary>Overage units already charged in the month of <paramref name="day"/>, per usage kind.</summary>
    public IReadOnlyDictionary<UsageKind, decimal> OverageUnitsCharged(DateOnly day) =>
        _overageUnits.Where(o => o.Key.Year == day.Year && o.Key.Month == day.Month)
            .ToDictionary(o => o.Key.Kind, o => o.Value);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case AccountOpened e: Apply(e); break;
            case AccountCharged e: Apply(e); break;
            case AccountToppedUp e: Apply(e); break;
            case AccountRefunded e: Apply(e); break;
            case AccountAdjusted e: Apply(e); break;
            case LowBalanceNotified e: Apply(e); break;
            case AccountSuspended e: Apply(e); break;
            case AccountResumed e: Apply(e); break;
            case PlanChanged e: Apply(e); break;
            default: throw new ArgumentException($"{@event.GetType().Name} is not an account event.", nameof(@event));
        }
        Version++;
    }

    private void Apply(AccountOpened e)
    {
        _currency = Currency.Of(e.Currency);
        StartsOn = e.StartsOn;
        TrialEndsOn = e.TrialEndsOn;
        _plans.Add(new PlanPeriod(e.PlanId, e.PlanVersion, e.StartsOn));
    }

    private void Apply(AccountCharged e)
    {
        _chargedDays.Add(e.Day);
        if (e.UsageKind is not null && Enum.TryParse<UsageKind>(e.UsageKind, out var kind))
        {
            var key = (e.Day.Year, e.Day.Month, kind);
            _overageUnits[key] = _overageUnits.GetValueOrDefault(key) + e.Quantity;
        }
        Move(-e.Amount, e.At);
    }

    private void Apply(AccountToppedUp e)
    {
        _payments[PaymentKey(e.PaymentProvider, e.PaymentId)] = new PaymentTotals(e.Amount, 0m);
        Move(e.Amount, e.At);
    }

    private void Apply(AccountRefunded e)
    {
        _refundIds.Add(e.RefundId);
        var key = PaymentKey(e.PaymentProvider, e.PaymentId);
        if (_payments.TryGetValue(key, out var payment))
            _payments[key] = payment with { Refunded = payment.Refunded + e.Amount };
        Move(-e.Amount, e.At);
    }

    private void Apply(AccountAdjusted e) => Move(e.Amount, e.At);

    private void Apply(LowBalanceNotified e) => LowBalanceNotifiedBelow = e.Threshold;

    private void Apply(AccountSuspended e)
    {
        Suspended = true;
        SuspendedByAdmin = e.ByAdmin is not null;
    }

    private void Apply(AccountResumed e)
    {
        Suspended = false;
        SuspendedByAdmin = false;
    }

    private void Apply(PlanChanged e)
    {
        _plans.RemoveAll(p => p.EffectiveFrom >= e.EffectiveFrom);
        _plans.Add(new PlanPeriod(e.PlanId, e.PlanVersion, e.EffectiveFrom));
    }

    private void Move(decimal amount, DateTimeOffset at)
    {
        _balance += amount;
        if (_balance < 0m) NegativeSince ??= at;
        else NegativeSince = null;
        if (LowBalanceNotifiedBelow is { } threshold && _balance >= threshold) LowBalanceNotifiedBelow = null;
    }

    private static string PaymentKey(string provider, string paymentId) => provider + ":" + paymentId;

    private static InvalidOperationException NotOpen() => new("The account is not open.");
}

/// <summary>The account is on <paramref name="PlanId"/> v<paramref name="PlanVersion"/> from <paramref name="EffectiveFrom"/> until the next period.</summary>
public sealed record PlanPeriod(string PlanId, int PlanVersion, DateOnly EffectiveFrom);

/// <summary>What a payment credited and how much of it has been paid back.</summary>
public sealed record PaymentTotals(decimal ToppedUp, decimal Refunded)
{
    public decimal Refundable => ToppedUp - Refunded;
}
