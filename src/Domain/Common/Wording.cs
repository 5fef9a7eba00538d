using System.Globalization;

namespace Ktp.Domain.Common;

/// <summary>
/// A sentence kept as its wording with {0}, {1}… and the values that go there, so that a screen can say it in the
/// user's language; <see cref="ToString"/> is the English sentence.
/// </summary>
public sealed record Wording(string Template, IReadOnlyList<string> Arguments)
{
    public static Wording Of(FormattableString text) =>
        new(text.Format, [.. text.GetArguments().Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, [.. Arguments]);
}
