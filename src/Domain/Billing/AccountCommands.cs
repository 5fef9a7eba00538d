namespace Ktp.Domain.Billing;

/// <summary>Opens the account on a plan version; the account's currency is the plan's.</summary>
public sealed record OpenAccount(PlanVersion Plan, DateOnly StartsOn, DateTimeOffset At);

/// <summary>Moves the account to another plan (or price version) from a chosen day; days before keep their plan.</summary>
public sealed record ChangePlan(PlanVersion Plan, DateOnly EffectiveFrom, DateTimeOffset At);

/// <summary>Rates and charges one day. <paramref name="Plan"/> must be the account's plan on that day.</summary>
/// <param name="UsageMonthToDate">See <see cref="RatingCalculator.RateDay"/>.</param>
public sealed record ChargeDay(
    DateOnly Day, PlanVersion Plan, int ActiveSeats, IReadOnlyDictionary<UsageKind, decimal> UsageMonthToDate, DateTimeOffset At);

/// <summary>Credits a confirmed payment. Repeating it with the same payment id changes nothing.</summary>
public sealed record TopUp(Money Amount, string PaymentProvider, string PaymentId, DateTimeOffset At);

/// <summary>Pays back part of a top-up. Repeating it with the same refund id changes nothing.</summary>
public sealed record Refund(Money Amount, string PaymentProvider, string PaymentId, string RefundId, string Reason, DateTimeOffset At);

/// <summary>Manual correction; <paramref name="Amount"/> positive credits, negative debits.</summary>
public sealed record Adjust(Money Amount, string Comment, string By, DateTimeOffset At);

/// <summary>Suspends the account when its balance has been negative for more than <paramref name="GraceDays"/> days.</summary>
public sealed record CheckGracePeriod(DateTimeOffset Now, int GraceDays);

/// <summary>Records a low-balance notification when the balance is below <paramref name="Threshold"/>, once per crossing.</summary>
public sealed record NotifyLowBalance(Money Threshold, DateTimeOffset At);

/// <summary>A platform admin suspends the service by hand; only a manual <see cref="ResumeByAdmin"/> lifts it.</summary>
public sealed record SuspendByAdmin(string Reason, string By, DateTimeOffset At);

/// <summary>A platform admin lifts a suspension (manual or for debt) by hand.</summary>
public sealed record ResumeByAdmin(string Reason, string By, DateTimeOffset At);
