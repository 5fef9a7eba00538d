using System.Globalization;

namespace Ktp.Domain.Billing;

/// <summary>
/// An exact amount of one currency, held as a <see cref="decimal"/> with exactly the currency's number of
/// minor units (10.5 USD is stored as 10.50). Construction refuses amounts finer than the currency allows;
/// arithmetic and comparison work only within one currency.
/// <para>
/// Billing has one rounding rule, used wherever a computed amount (a prorated price, an overage charge)
/// must become money: <see cref="Round"/> rounds half away from zero to the currency's minor units
/// (commercial rounding: 0.125 USD → 0.13, −0.125 USD → −0.13).
/// </para>
/// </summary>
public sealed class Money : IEquatable<Money>, IComparable<Money>
{
    private static readonly decimal[] ZeroWithScale = [0m, 0.0m, 0.00m, 0.000m];

    private Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }
    public Currency Currency { get; }

    public bool IsZero => Amount == 0m;
    public bool IsPositive => Amount > 0m;
    public bool IsNegative => Amount < 0m;

    /// <exception cref="BillingException">The amount has more decimals than the currency allows (0.001 USD, 1.5 JPY).</exception>
    public static Money Of(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (decimal.Round(amount, currency.MinorUnits) != amount)
            throw new BillingException(
                $"{amount.ToString(CultureInfo.InvariantCulture)} {currency.Code} has more decimals than {currency.Code} allows ({currency.MinorUnits}).");
        return new Money(WithCurrencyScale(amount, currency), currency);
    }

    /// <exception cref="BillingException">Unknown currency code, or too many decimals.</exception>
    public static Money Of(decimal amount, string currencyCode) => Of(amount, Currency.Of(currencyCode));

    public static Money Zero(Currency currency) => Of(0m, currency);

    /// <summary>Rounds a computed amount half away from zero to the currency's minor units: the billing rounding rule.</summary>
    public static Money Round(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new Money(WithCurrencyScale(decimal.Round(amount, currency.MinorUnits, MidpointRounding.AwayFromZero), currency), currency);
    }

    /// <summary>From an integer count of minor units, as payment providers send amounts (1050 → 10.50 USD, 1050 → 1050 JPY).</summary>
    public static Money FromMinorUnits(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return Of(minorUnits / currency.MinorUnitsPerMajor, currency);
    }

    /// <summary>The amount as an integer count of minor units (10.50 USD → 1050, 1050 JPY → 1050, 1.234 KWD → 1234).</summary>
    public long ToMinorUnits() => checked((long)(Amount * Currency.MinorUnitsPerMajor));

    public Money Negate() => new(-Amount, Currency);

    /// <summary>This amount taken <paramref name="times"/> times: exact, no rounding.</summary>
    public Money Times(int times) => new(Amount * times, Currency);

    public Money Add(Money other) => new(Amount + SameCurrency(other).Amount, Currency);
    public Money Subtract(Money other) => new(Amount - SameCurrency(other).Amount, Currency);

    public static Money operator +(Money left, Money right) => left.Add(right);
    public static Money operator -(Money left, Money right) => left.Subtract(right);
    public static Money operator -(Money value) => value.Negate();
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;
    public static bool operator ==(Money? left, Money? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(Money? left, Money? right) => !(left == right);

    /// <exception cref="CurrencyMismatchException">The other amount is in another currency.</exception>
    public int CompareTo(Money? other) =>
        other is null ? 1 : Amount.CompareTo(SameCurrency(other).Amount);

    public bool Equals(Money? other) => other is not null && other.Currency == Currency && other.Amount == Amount;
    public override bool Equals(object? obj) => Equals(obj as Money);
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Invariant form, e.g. "1234.50 RUB", "-3 JPY".</summary>
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency.Code}";

    private Money SameCurrency(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Currency == Currency ? other : throw new CurrencyMismatchException(Currency, other.Currency);
    }

    // Rounding to the currency's places drops extra trailing zeros; adding a zero of that scale adds missing ones.
    private static decimal WithCurrencyScale(decimal amount, Currency currency) =>
        decimal.Round(amount, currency.MinorUnits) + ZeroWithScale[currency.MinorUnits];
}
