using System.Text.RegularExpressions;

namespace Ktp.Architecture.Tests;

/// <summary>Reads wordings out of C# source as the compiler keeps them: an interpolated string as its <see cref="FormattableString.Format"/>.</summary>
internal static partial class SourceWordings
{
    /// <summary>What <see cref="FormattableString.Format"/> is for the interpolated string's source text.</summary>
    public static string FormatOf(string source)
    {
        var index = 0;
        return Hole().Replace(source.Replace("\\\"", "\""), m => "{" + index++ + m.Groups[1].Value + "}");
    }

    /// <summary>
    /// The messages given to validation: the last string argument of <c>x.Add(field, …)</c>, <c>x.Require(condition, field, …)</c>,
    /// <c>problems.Add(…)</c> and <c>new ValidationFailedException(field, …)</c>, when it is a sentence (has a space).
    /// </summary>
    public static IEnumerable<string> ValidationMessages(string code)
    {
        foreach (Match call in Call().Matches(code))
        {
            var (message, arguments) = LastString(code, call.Index + call.Length - 1);
            if (message is null || !message.Contains(' ')) continue;
            if (arguments >= 2 || call.Groups["receiver"].Value == "problems") yield return message;
        }
    }

    private static (string? Last, int Arguments) LastString(string code, int open)
    {
        var (depth, commas) = (0, 0);
        string? last = null;
        for (var i = open; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '(': depth++; break;
                case ')':
                    if (--depth == 0) return (last, commas + 1);
                    break;
                case ',' when depth == 1: commas++; break;
                case '\'': i = code.IndexOf('\'', i + (code[i + 1] == '\\' ? 3 : 2)); break;
                case '"' or '$' when code[i] == '"' || code[i + 1] == '"':
                    var interpolated = code[i] == '$';
                    var start = i + (interpolated ? 2 : 1);
                    var end = start;
                    while (code[end] != '"') end += code[end] == '\\' ? 2 : 1;
                    if (depth == 1) last = interpolated ? FormatOf(code[start..end]) : code[start..end].Replace("\\\"", "\"");
                    i = end;
                    break;
            }
        }
        return (null, 0);
    }

    [GeneratedRegex(@"(?:\b(?<receiver>\w+)\.(?:Add|Require)|\bAdd|\bValidationFailedException)\(")]
    private static partial Regex Call();

    // A hole {expression} or {expression:format}; the expressions here hold no braces or colons of their own.
    [GeneratedRegex("""\{[^{}:]+(:[^{}]+)?\}""")]
    private static partial Regex Hole();
}
