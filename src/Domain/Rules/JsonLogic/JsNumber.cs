using System.Globalization;
using System.Text.RegularExpressions;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>JavaScript's number/string conversions (Number("..."), parseFloat, String(number)).</summary>
internal static partial class JsNumber
{
    [GeneratedRegex(@"^[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")]
    private static partial Regex DecimalPrefix();

    /// <summary>Number(text): the whole trimmed text must be a number; empty text is 0.</summary>
    public static double Parse(string text)
    {
        var s = text.Trim();
        if (s.Length == 0)
            return 0;
        if (s.Length > 2 && s[0] == '0' && RadixOf(s[1]) is int radix)
            return ParseInteger(s[2..], radix);

        var match = DecimalPrefix().Match(s);
        return match.Length == s.Length ? ParseDecimal(s) : double.NaN;
    }

    /// <summary>parseFloat(text): the longest decimal prefix after leading white space.</summary>
    public static double ParseFloat(string text)
    {
        var match = DecimalPrefix().Match(text.TrimStart());
        return match.Success ? ParseDecimal(match.Value) : double.NaN;
    }

    /// <summary>String(number): shortest round-trip digits, laid out the way JavaScript does.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return "0";
        if (value < 0) return "-" + Format(-value);

        var (digits, pointAt) = Decompose(value);
        var k = digits.Length;
        if (k <= pointAt && pointAt <= 21)
            return digits + new string('0', pointAt - k);
        if (0 < pointAt && pointAt <= 21)
            return digits[..pointAt] + "." + digits[pointAt..];
        if (-6 < pointAt && pointAt <= 0)
            return "0." + new string('0', -pointAt) + digits;

        var exponent = pointAt - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent);
    }

    /// <summary>value = 0.digits × 10^pointAt, digits without leading or trailing zeros.</summary>
    private static (string Digits, int PointAt) Decompose(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture); // e.g. "123.45", "1E+21", "1.5E-07"
        var exponent = 0;
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integerLength = dot < 0 ? text.Length : dot;
        var all = text.Replace(".", "");
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        return (all.Trim('0'), integerLength - leadingZeros + exponent);
    }

    private static double ParseDecimal(string s)
    {
        var unsigned = s.TrimStart('+', '-');
        var magnitude = unsigned == "Infinity"
            ? double.PositiveInfinity
            : double.Parse(unsigned, NumberStyles.Float, CultureInfo.InvariantCulture);
        return s[0] == '-' ? -magnitude : magnitude;
    }

    private static int? RadixOf(char c) => char.ToLowerInvariant(c) switch
    {
        'x' => 16,
        'o' => 8,
        'b' => 2,
        _ => null,
    };

    private static double ParseInteger(string digits, int radix)
    {
        double result = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
                return double.NaN;
            result = result * radix + digit;
        }
        return result;
    }
}
