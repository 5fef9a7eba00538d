using System.Text;

namespace Ktp.Domain.Common;

/// <summary>
/// Codes made from names, so editors need not ask people for them: Cyrillic transliterated to Latin, lower
/// snake case, starting with a letter, at most 64 characters, unique among <c>taken</c>
/// ("Дней без связи" → "dney_bez_svyazi"; a second one → "dney_bez_svyazi_2"). The result is always a valid
/// project document code.
/// </summary>
public static class CodeNames
{
    public const int MaxLength = 64;

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
        ['і'] = "i", ['ї'] = "yi", ['є'] = "ye", ['ґ'] = "g", ['ў'] = "u",
    };

    /// <summary>The code for <paramref name="name"/>; <paramref name="fallback"/> when the name has no letters or digits.</summary>
    public static string From(string? name, IEnumerable<string>? taken = null, string fallback = "item")
    {
        var code = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) code.Append(c);
            else if (Latin.TryGetValue(c, out var latin)) code.Append(latin);
            else if (code.Length > 0 && code[^1] != '_') code.Append('_');
        }
        var text = code.ToString().Trim('_');
        if (text.Length == 0) text = fallback;
        else if (!char.IsAsciiLetter(text[0])) text = fallback + "_" + text;
        text = Cut(text, MaxLength);
        return Unique(text, taken);
    }

    /// <summary><paramref name="code"/>, or with "_2", "_3"… appended until no code in <paramref name="taken"/> is the same.</summary>
    public static string Unique(string code, IEnumerable<string>? taken)
    {
        var used = (taken ?? []).Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(code)) return code;
        for (var n = 2; ; n++)
        {
            var suffix = "_" + n;
            var candidate = Cut(code, MaxLength - suffix.Length) + suffix;
            if (!used.Contains(candidate)) return candidate;
        }
    }

    private static string Cut(string code, int length) => code.Length <= length ? code : code[..length].TrimEnd('_');
}
