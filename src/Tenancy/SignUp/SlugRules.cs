using System.Text;
using System.Text.RegularExpressions;

namespace Ktp.Tenancy.SignUp;

/// <summary>Workspace addresses: /t/{slug}/. Lower-case latin, digits and dashes; Cyrillic names are transliterated.</summary>
public static partial class SlugRules
{
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string> { "platform", "admin", "api", "www", "app", "login", "signup", "health", "metrics", "static" };

    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    public static bool IsValid(string slug) => SlugPattern().IsMatch(slug) && !Reserved.Contains(slug);

    public static string Suggest(string companyName)
    {
        var text = new StringBuilder();
        foreach (var c in companyName.ToLowerInvariant())
        {
            if (Cyrillic.TryGetValue(c, out var latin)) text.Append(latin);
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9') text.Append(c);
            else text.Append('-');
        }
        var slug = DashRun().Replace(text.ToString(), "-").Trim('-');
        if (slug.Length > 50) slug = slug[..50].Trim('-');
        return slug.Length < 3 ? (slug + "-team").Trim('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-+")]
    private static partial Regex DashRun();
}
