namespace Ktp.Domain.Billing;

/// <summary>A billing command or value was refused; the message says why in words fit for an administrator.</summary>
public class BillingException(string message) : Exception(message);

/// <summary>Two amounts in different currencies were combined, or a command's currency is not the account's.</summary>
public sealed class CurrencyMismatchException(Currency expected, Currency actual)
    : BillingException($"Currency mismatch: expected {expected.Code}, got {actual.Code}.")
{
    public Currency Expected { get; } = expected;
    public Currency Actual { get; } = actual;
}
