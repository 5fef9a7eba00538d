namespace Ktp.Domain.Billing;

// The tenant's prepaid account with the platform: one stream per tenant, a ledger of money events.
// Amounts are exact decimals in the currency's minor units, always positive except AccountAdjusted's
// (its sign is the direction). Each money event says where it came from.

/// <summary>The account starts on <paramref name="PlanId"/> v<paramref name="PlanVersion"/>; nothing is charged before <paramref name="TrialEndsOn"/>.</summary>
public sealed record AccountOpened(
    string Currency, string PlanId, int PlanVersion, DateOnly StartsOn, DateOnly TrialEndsOn, DateTimeOffset At);

/// <summary>A charge for <paramref name="Day"/>, linked to its source (e.g. <c>rating</c> / <c>2025-03-14/seats</c>).</summary>
/// <param name="UsageKind">For overage: the <see cref="Billing.UsageKind"/> name; null for seats.</param>
/// <param name="Quantity">Seats, or overage units charged.</param>
public sealed record AccountCharged(
    decimal Amount, string Currency, string Reason, string SourceType, string SourceId,
    DateOnly Day, string? UsageKind, decimal Quantity, DateTimeOffset At);

/// <summary>Money paid in through a payment provider; <paramref name="PaymentId"/> is the provider's id (a Stripe Checkout Session id).</summary>
public sealed record AccountToppedUp(
    decimal Amount, string Currency, string PaymentProvider, string PaymentId, DateTimeOffset At);

/// <summary>Part or all of a top-up paid back to the tenant through the provider it came from.</summary>
public sealed record AccountRefunded(
    decimal Amount, string Currency, string Reason, string PaymentProvider, string PaymentId, string RefundId, DateTimeOffset At);

/// <summary>A manual correction by a platform administrator; positive credits the account, negative debits it.</summary>
public sealed record AccountAdjusted(
    decimal Amount, string Currency, string Comment, string By, DateTimeOffset At);

/// <summary>The balance fell below <paramref name="Threshold"/>; not repeated until it has been back above.</summary>
public sealed record LowBalanceNotified(
    decimal Balance, decimal Threshold, string Currency, DateTimeOffset At);

/// <summary>Service suspended: the balance stayed negative past the grace period, or a platform admin decided so (<paramref name="ByAdmin"/>).</summary>
public sealed record AccountSuspended(string Reason, DateTimeOffset NegativeSince, DateTimeOffset At, string? ByAdmin = null);

/// <summary>Service resumed: the balance is back at zero or above, or a platform admin lifted a suspension.</summary>
public sealed record AccountResumed(string Reason, DateTimeOffset At, string? ByAdmin = null);

/// <summary>From <paramref name="EffectiveFrom"/> on, days are rated on <paramref name="PlanId"/> v<paramref name="PlanVersion"/>.</summary>
public sealed record PlanChanged(string PlanId, int PlanVersion, DateOnly EffectiveFrom, DateTimeOffset At);

/// <summary>Stable stored names of the account events, for the event type registry.</summary>
public static class AccountEventNames
{
    public const string StreamType = "account";

    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(AccountOpened)] = "account.opened",
        [typeof(AccountCharged)] = "account.charged",
        [typeof(AccountToppedUp)] = "account.topped_up",
        [typeof(AccountRefunded)] = "account.refunded",
        [typeof(AccountAdjusted)] = "account.adjusted",
        [typeof(LowBalanceNotified)] = "account.low_balance_notified",
        [typeof(AccountSuspended)] = "account.suspended",
        [typeof(AccountResumed)] = "account.resumed",
        [typeof(PlanChanged)] = "account.plan_changed",
    };
}
