namespace Ktp.Domain.Billing;

public enum LedgerEntryKind
{
    Charge,
    TopUp,
    Refund,
    Adjustment,
}

/// <summary>One line of the account ledger. <paramref name="Amount"/> is signed: what it did to the balance.</summary>
public sealed record LedgerEntry(
    DateTimeOffset At, LedgerEntryKind Kind, Money Amount, string Description, string SourceType, string SourceId);

/// <summary>Reads the account's money events as ledger lines; the balance is the sum of the lines.</summary>
public static class AccountLedger
{
    /// <summary>The ledger line of a money event; null for the other account events.</summary>
    public static LedgerEntry? EntryOf(object @event) => @event switch
    {
        AccountCharged e => new(e.At, LedgerEntryKind.Charge, Money.Of(-e.Amount, e.Currency), e.Reason, e.SourceType, e.SourceId),
        AccountToppedUp e => new(e.At, LedgerEntryKind.TopUp, Money.Of(e.Amount, e.Currency),
            $"Top-up via {e.PaymentProvider}", e.PaymentProvider, e.PaymentId),
        AccountRefunded e => new(e.At, LedgerEntryKind.Refund, Money.Of(-e.Amount, e.Currency),
            $"Refund: {e.Reason}", e.PaymentProvider, e.RefundId),
        AccountAdjusted e => new(e.At, LedgerEntryKind.Adjustment, Money.Of(e.Amount, e.Currency),
            $"Adjustment by {e.By}: {e.Comment}", "adjustment", e.By),
        _ => null,
    };

    public static IReadOnlyList<LedgerEntry> Entries(IEnumerable<object> events) =>
        [.. events.Select(EntryOf).OfType<LedgerEntry>()];

    public static Money Sum(IEnumerable<LedgerEntry> entries, Currency currency) =>
        entries.Aggregate(Money.Zero(currency), (sum, entry) => sum + entry.Amount);
}

/// <summary>A period of the ledger: opening balance, totals by kind, closing balance and the period's lines.</summary>
public sealed record AccountStatement(
    DateTimeOffset From, DateTimeOffset To, Money Opening, Money Charges, Money TopUps, Money Refunds,
    Money Adjustments, Money Closing, IReadOnlyList<LedgerEntry> Entries)
{
    /// <summary>The statement for lines with <paramref name="from"/> ≤ At &lt; <paramref name="to"/>, given the ledger from its start.</summary>
    public static AccountStatement For(IEnumerable<LedgerEntry> ledger, Currency currency, DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) throw new BillingException("A statement period cannot end before it starts.");
        var all = ledger.ToList();
        var opening = AccountLedger.Sum(all.Where(e => e.At < from), currency);
        var lines = all.Where(e => e.At >= from && e.At < to).ToList();
        Money Total(LedgerEntryKind kind) => AccountLedger.Sum(lines.Where(e => e.Kind == kind), currency);
        return new AccountStatement(from, to, opening,
            Total(LedgerEntryKind.Charge), Total(LedgerEntryKind.TopUp), Total(LedgerEntryKind.Refund),
            Total(LedgerEntryKind.Adjustment), opening + AccountLedger.Sum(lines, currency), lines);
    }
}
