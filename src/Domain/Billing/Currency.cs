namespace Ktp.Domain.Billing;

/// <summary>
/// An ISO 4217 currency with its number of minor units (digits after the decimal point):
/// RUB, USD, EUR have 2, JPY has 0, KWD has 3. Codes outside the known list are refused.
/// Equal by code.
/// </summary>
public sealed class Currency : IEquatable<Currency>
{
    private static readonly Dictionary<string, Currency> Known = new(StringComparer.OrdinalIgnoreCase);

    public static readonly Currency RUB = Add("RUB", 2);
    public static readonly Currency USD = Add("USD", 2);
    public static readonly Currency EUR = Add("EUR", 2);
    public static readonly Currency GBP = Add("GBP", 2);
    public static readonly Currency CHF = Add("CHF", 2);
    public static readonly Currency CNY = Add("CNY", 2);
    public static readonly Currency KZT = Add("KZT", 2);
    public static readonly Currency BYN = Add("BYN", 2);
    public static readonly Currency UAH = Add("UAH", 2);
    public static readonly Currency UZS = Add("UZS", 2);
    public static readonly Currency AMD = Add("AMD", 2);
    public static readonly Currency GEL = Add("GEL", 2);
    public static readonly Currency AZN = Add("AZN", 2);
    public static readonly Currency TRY = Add("TRY", 2);
    public static readonly Currency AED = Add("AED", 2);
    public static readonly Currency INR = Add("INR", 2);
    public static readonly Currency CAD = Add("CAD", 2);
    public static readonly Currency AUD = Add("AUD", 2);
    public static readonly Currency PLN = Add("PLN", 2);
    public static readonly Currency CZK = Add("CZK", 2);
    public static readonly Currency SEK = Add("SEK", 2);
    public static readonly Currency NOK = Add("NOK", 2);
    public static readonly Currency DKK = Add("DKK", 2);
    public static readonly Currency JPY = Add("JPY", 0);
    public static readonly Currency KRW = Add("KRW", 0);
    public static readonly Currency VND = Add("VND", 0);
    public static readonly Currency CLP = Add("CLP", 0);
    public static readonly Currency KWD = Add("KWD", 3);
    public static readonly Currency BHD = Add("BHD", 3);
    public static readonly Currency OMR = Add("OMR", 3);
    public static readonly Currency JOD = Add("JOD", 3);
    public static readonly Currency TND = Add("TND", 3);

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>Upper-case ISO 4217 code, e.g. "RUB".</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point: 2 for RUB, 0 for JPY, 3 for KWD.</summary>
    public int MinorUnits { get; }

    /// <summary>How many minor units make one major unit: 100 for RUB, 1 for JPY, 1000 for KWD.</summary>
    public decimal MinorUnitsPerMajor => MinorUnits switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };

    public static IReadOnlyCollection<Currency> All => Known.Values;

    /// <summary>The currency with this code, in any letter case.</summary>
    /// <exception cref="BillingException">The code is empty or not a known ISO 4217 currency.</exception>
    public static Currency Of(string? code) =>
        TryOf(code, out var currency)
            ? currency
            : throw new BillingException($"Unknown currency '{code}'. Use an ISO 4217 code such as RUB, USD or EUR.");

    public static bool TryOf(string? code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return !string.IsNullOrWhiteSpace(code) && Known.TryGetValue(code.Trim(), out currency);
    }

    public bool Equals(Currency? other) => other is not null && other.Code == Code;
    public override bool Equals(object? obj) => Equals(obj as Currency);
    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Code;

    public static bool operator ==(Currency? left, Currency? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(Currency? left, Currency? right) => !(left == right);

    private static Currency Add(string code, int minorUnits)
    {
        var currency = new Currency(code, minorUnits);
        Known.Add(code, currency);
        return currency;
    }
}
