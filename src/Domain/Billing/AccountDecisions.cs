namespace Ktp.Domain.Billing;

/// <summary>
/// The account's rules: given the current state and a command, the events to append (none when the command
/// has already been carried out). Pure; a refused command throws <see cref="BillingException"/>.
/// </summary>
public static class AccountDecisions
{
    public const string RatingSource = "rating";

    public static IReadOnlyList<object> Decide(Account state, object command)
    {
        ArgumentNullException.ThrowIfNull(state);
        return command switch
        {
            OpenAccount c => Open(state, c),
            ChangePlan c => ChangePlan(state, c),
            ChargeDay c => ChargeDay(state, c),
            TopUp c => TopUp(state, c),
            Refund c => Refund(state, c),
            Adjust c => Adjust(state, c),
            CheckGracePeriod c => CheckGracePeriod(state, c),
            NotifyLowBalance c => NotifyLowBalance(state, c),
            SuspendByAdmin c => SuspendByAdmin(state, c),
            ResumeByAdmin c => ResumeByAdmin(state, c),
            _ => throw new ArgumentException($"{command?.GetType().Name ?? "null"} is not an account command.", nameof(command)),
        };
    }

    private static object[] Open(Account state, OpenAccount c)
    {
        if (state.IsOpen) throw new BillingException("The account is already open.");
        if (c.StartsOn < c.Plan.EffectiveFrom)
            throw new BillingException($"{c.Plan} takes effect on {c.Plan.EffectiveFrom:yyyy-MM-dd}; the account cannot start on it earlier.");
        return [new AccountOpened(c.Plan.Currency.Code, c.Plan.PlanId, c.Plan.Version, c.StartsOn, c.StartsOn.AddDays(c.Plan.TrialDays), c.At)];
    }

    private static object[] ChangePlan(Account state, ChangePlan c)
    {
        RequireOpen(state);
        RequireCurrency(state, c.Plan.Currency);
        if (c.EffectiveFrom < c.Plan.EffectiveFrom)
            throw new BillingException($"{c.Plan} takes effect on {c.Plan.EffectiveFrom:yyyy-MM-dd}; it cannot apply from {c.EffectiveFrom:yyyy-MM-dd}.");
        if (c.EffectiveFrom < state.StartsOn)
            throw new BillingException($"The account starts on {state.StartsOn:yyyy-MM-dd}; a plan change cannot apply before that.");
        var lastCharged = state.ChargedDays.Count == 0 ? (DateOnly?)null : state.ChargedDays.Max();
        if (lastCharged >= c.EffectiveFrom)
            throw new BillingException($"Days up to {lastCharged:yyyy-MM-dd} are already charged; a plan change can apply from the day after at the earliest.");
        var current = state.PlanOn(c.EffectiveFrom);
        if (current is not null && current.PlanId == c.Plan.PlanId && current.PlanVersion == c.Plan.Version
            && state.Plans[^1] == current)
            return [];
        return [new PlanChanged(c.Plan.PlanId, c.Plan.Version, c.EffectiveFrom, c.At)];
    }

    private static object[] ChargeDay(Account state, ChargeDay c)
    {
        RequireOpen(state);
        RequireCurrency(state, c.Plan.Currency);
        if (c.Day < state.StartsOn)
            throw new BillingException($"The account starts on {state.StartsOn:yyyy-MM-dd}; {c.Day:yyyy-MM-dd} cannot be charged.");
        var plan = state.PlanOn(c.Day)!;
        if (plan.PlanId != c.Plan.PlanId || plan.PlanVersion != c.Plan.Version)
            throw new BillingException($"On {c.Day:yyyy-MM-dd} the account is on {plan.PlanId} v{plan.PlanVersion}, not {c.Plan}.");
        if (state.ChargedDays.Contains(c.Day) || c.Day < state.TrialEndsOn) return [];

        var lines = RatingCalculator.RateDay(c.Plan, c.Day, c.ActiveSeats, c.UsageMonthToDate, state.OverageUnitsCharged(c.Day));
        return [.. lines.Select(line => new AccountCharged(
            line.Amount.Amount, line.Amount.Currency.Code, line.Reason, RatingSource,
            $"{c.Day:yyyy-MM-dd}/{(line.Usage is { } kind ? kind.ToString() : "seats")}",
            c.Day, line.Usage?.ToString(), line.Quantity, c.At))];
    }

    private static object[] TopUp(Account state, TopUp c)
    {
        RequireOpen(state);
        RequirePositive(c.Amount, "A top-up");
        RequireCurrency(state, c.Amount.Currency);
        RequireText(c.PaymentProvider, "A top-up needs its payment provider.");
        RequireText(c.PaymentId, "A top-up needs its payment id.");
        if (state.Payment(c.PaymentProvider, c.PaymentId) is { } known)
        {
            if (known.ToppedUp != c.Amount.Amount)
                throw new BillingException(
                    $"Payment {c.PaymentProvider} {c.PaymentId} was credited as {Money.Of(known.ToppedUp, state.Currency)}, not {c.Amount}.");
            return [];
        }
        var credited = new AccountToppedUp(c.Amount.Amount, c.Amount.Currency.Code, c.PaymentProvider, c.PaymentId, c.At);
        return WithResumeIfCovered(state, c.Amount, credited, $"Top-up of {c.Amount} via {c.PaymentProvider}", c.At);
    }

    private static object[] Refund(Account state, Refund c)
    {
        RequireOpen(state);
        RequirePositive(c.Amount, "A refund");
        RequireCurrency(state, c.Amount.Currency);
        RequireText(c.RefundId, "A refund needs its refund id.");
        RequireText(c.Reason, "A refund needs a reason.");
        if (state.IsRefundRecorded(c.RefundId)) return [];
        var payment = state.Payment(c.PaymentProvider, c.PaymentId)
            ?? throw new BillingException($"Payment {c.PaymentProvider} {c.PaymentId} was never credited to this account.");
        if (c.Amount.Amount > payment.Refundable)
            throw new BillingException(
                $"Refund of {c.Amount} exceeds what is left of payment {c.PaymentId} ({Money.Of(payment.Refundable, state.Currency)}).");
        if (c.Amount > state.Balance)
            throw new BillingException($"Refund of {c.Amount} exceeds the balance ({state.Balance}); money already spent cannot be refunded.");
        return [new AccountRefunded(c.Amount.Amount, c.Amount.Currency.Code, c.Reason, c.PaymentProvider, c.PaymentId, c.RefundId, c.At)];
    }

    private static object[] Adjust(Account state, Adjust c)
    {
        RequireOpen(state);
        RequireCurrency(state, c.Amount.Currency);
        if (c.Amount.IsZero) throw new BillingException("An adjustment of zero changes nothing.");
        RequireText(c.Comment, "An adjustment needs a comment saying why.");
        RequireText(c.By, "An adjustment needs the name of who made it.");
        var adjusted = new AccountAdjusted(c.Amount.Amount, c.Amount.Currency.Code, c.Comment, c.By, c.At);
        return c.Amount.IsPositive
            ? WithResumeIfCovered(state, c.Amount, adjusted, $"Adjustment of {c.Amount} by {c.By}", c.At)
            : [adjusted];
    }

    private static object[] CheckGracePeriod(Account state, CheckGracePeriod c)
    {
        RequireOpen(state);
        if (c.GraceDays < 0) throw new BillingException($"The grace period cannot be negative ({c.GraceDays} days).");
        if (state.Suspended)
            return state.Balance.IsNegative || state.SuspendedByAdmin ? [] : [new AccountResumed($"Balance is {state.Balance}", c.Now)];
        if (state.NegativeSince is { } since && c.Now - since > TimeSpan.FromDays(c.GraceDays))
            return [new AccountSuspended(
                $"Balance {state.Balance} has been negative since {since:yyyy-MM-dd HH:mm} UTC, more than the {c.GraceDays}-day grace period",
                since, c.Now)];
        return [];
    }

    private static object[] NotifyLowBalance(Account state, NotifyLowBalance c)
    {
        RequireOpen(state);
        RequireCurrency(state, c.Threshold.Currency);
        if (state.LowBalanceNotifiedBelow is not null || state.Balance >= c.Threshold) return [];
        return [new LowBalanceNotified(state.Balance.Amount, c.Threshold.Amount, state.Currency.Code, c.At)];
    }

    private static object[] SuspendByAdmin(Account state, SuspendByAdmin c)
    {
        RequireOpen(state);
        RequireText(c.Reason, "Say why the account is suspended.");
        RequireText(c.By, "A manual suspension names who did it.");
        if (state.Suspended && state.SuspendedByAdmin) return [];
        return [new AccountSuspended(c.Reason.Trim(), state.NegativeSince ?? c.At, c.At, c.By)];
    }

    private static object[] ResumeByAdmin(Account state, ResumeByAdmin c)
    {
        RequireOpen(state);
        RequireText(c.Reason, "Say why the account is resumed.");
        RequireText(c.By, "A manual resumption names who did it.");
        return state.Suspended ? [new AccountResumed(c.Reason.Trim(), c.At, c.By)] : [];
    }

    private static object[] WithResumeIfCovered(Account state, Money credit, object credited, string reason, DateTimeOffset at) =>
        state.Suspended && !state.SuspendedByAdmin && !(state.Balance + credit).IsNegative
            ? [credited, new AccountResumed(reason, at)]
            : [credited];

    private static void RequireOpen(Account state)
    {
        if (!state.IsOpen) throw new BillingException("The account is not open.");
    }

    private static void RequireCurrency(Account state, Currency currency)
    {
        if (currency != state.Currency) throw new CurrencyMismatchException(state.Currency, currency);
    }

    private static void RequirePositive(Money amount, string what)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (!amount.IsPositive) throw new BillingException($"{what} must be more than zero, not {amount}.");
    }

    private static void RequireText(string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BillingException(message);
    }
}
