using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ktp.Web.Hosting;

/// <summary>
/// Finds the text of a sentence that has values in it. The modules say what went wrong in English with the values
/// written in ("'Sales' is not a queue of process 'first_line'."); the resx holds the wording with {0}, {1}…
/// ("'{0}' is not a queue of process '{1}'."). A sentence that is not a text of its own is matched against every such
/// wording of the culture, the most specific first, and said with its values (each translated too when it is a text).
/// </summary>
public sealed partial class SentenceTexts(Func<IEnumerable<string>> names)
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Wording[]> _wordings = new();
    private readonly ConcurrentDictionary<(string Culture, string Sentence), (string Name, string[] Values)?> _found = new();

    /// <summary>The wording that <paramref name="sentence"/> is written in and its values, or null when none fits.</summary>
    public (string Name, string[] Values)? Find(string sentence)
    {
        if (sentence.Length == 0) return null;
        var culture = CultureInfo.CurrentUICulture.Name;
        if (_found.TryGetValue((culture, sentence), out var known)) return known;
        if (_found.Count >= MaxRemembered) _found.Clear(); // sentences carry user data: remember a bounded number
        var found = Match(_wordings.GetOrAdd(culture, _ => Load()), sentence);
        _found[(culture, sentence)] = found;
        return found;
    }

    private static (string Name, string[] Values)? Match(Wording[] wordings, string sentence)
    {
        foreach (var wording in wordings)
        {
            try
            {
                var match = wording.Pattern.Match(sentence);
                if (!match.Success) continue;
                var values = new string[wording.Holes];
                for (var i = 0; i < values.Length; i++) values[i] = match.Groups["v" + i].Value;
                return (wording.Name, values);
            }
            catch (RegexMatchTimeoutException)
            {
                // a pathological sentence is shown as it is
            }
        }
        return null;
    }

    private Wording[] Load() =>
        [.. names().Where(n => Hole().IsMatch(n)).Select(Wording.Of).OfType<Wording>().OrderByDescending(w => w.Literal)];

    private sealed record Wording(string Name, Regex Pattern, int Holes, int Literal)
    {
        public static Wording? Of(string name)
        {
            var holes = Hole().Matches(name).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            if (holes.Count == 0 || holes.Distinct().Count() != holes.Count || holes.Max() != holes.Count - 1) return null;
            var literal = Hole().Replace(name, "").Length;
            if (literal < 3) return null; // "{0}: {1}" would fit almost anything
            var pattern = new StringBuilder("^");
            var at = 0;
            foreach (Match hole in Hole().Matches(name))
            {
                pattern.Append(Regex.Escape(name[at..hole.Index])).Append("(?<v").Append(hole.Groups[1].Value).Append(">.+?)");
                at = hole.Index + hole.Length;
            }
            pattern.Append(Regex.Escape(name[at..])).Append('$');
            return new Wording(name, new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, MatchTimeout), holes.Count, literal);
        }
    }

    // {0} or {0:N0}
    [GeneratedRegex(@"\{(\d+)(:[^{}]*)?\}")]
    private static partial Regex Hole();
}
