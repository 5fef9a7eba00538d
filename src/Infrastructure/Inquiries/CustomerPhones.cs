using PhoneNumbers;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// Customers' phones in one written form, E.164 (<c>+79161234567</c>): stored so on registration and
/// looked up so, whatever the operator types (<c>8 (916) 123-45-67</c>, <c>+7 916 1234567</c>, <c>79161234567</c>).
/// Numbers without a country code are read as Russian.
/// </summary>
public static class CustomerPhones
{
    public const string DefaultRegion = "RU";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form of <paramref name="text"/>, or null when it is not a valid phone number.</summary>
    public static string? ToE164(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40 || !text.Any(char.IsAsciiDigit) || text.Any(char.IsLetter)) return null;
        var written = text.Trim();
        // "7916..." with its country code but no plus: the parser would read it as a Russian national number.
        var digits = new string(written.Where(char.IsAsciiDigit).ToArray());
        if (!written.StartsWith('+') && digits.Length == 11 && digits[0] == '7') written = "+" + digits;
        try
        {
            var number = Util.Parse(written, DefaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The phone as stored: E.164 when it is a phone number, else as written (trimmed), or null when blank.</summary>
    public static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ToE164(text) ?? text.Trim();

    /// <summary>An E.164 phone for people to read (<c>+7 916 123-45-67</c>); anything else as it is.</summary>
    public static string Display(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "";
        if (ToE164(phone) is null) return phone;
        try
        {
            return Util.Format(Util.Parse(phone, DefaultRegion), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }
}
