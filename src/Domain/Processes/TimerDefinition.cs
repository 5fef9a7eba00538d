using System.Globalization;
using System.Xml;

namespace Ktp.Domain.Processes;

/// <summary>
/// A timer of a diagram: a duration (<c>PT15M</c>), a date (<c>2026-01-01T09:00:00Z</c>) or a cycle
/// (<c>R3/PT1H</c>: three times an hour; <c>R/PT1H</c>: every hour without end).
/// </summary>
public sealed record TimerDefinition(TimerKind Kind, string Text, TimeSpan? Duration, DateTimeOffset? Date, int? Repetitions)
{
    /// <summary>When the timer first comes due, set at <paramref name="now"/>.</summary>
    public DateTimeOffset FirstDueAt(DateTimeOffset now) => Kind == TimerKind.Date ? Date!.Value : now + Duration!.Value;

    /// <summary>How many times a timer set now may fire: one, except for a cycle (null: without end).</summary>
    public int? Firings => Kind == TimerKind.Cycle ? Repetitions : 1;

    /// <exception cref="TimerFormatException">The text is none of the three forms.</exception>
    public static TimerDefinition Parse(TimerKind kind, string text)
    {
        var trimmed = text.Trim();
        switch (kind)
        {
            case TimerKind.Duration:
                return new(kind, trimmed, ParseDuration(trimmed), null, null);
            case TimerKind.Date:
                if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                    throw new TimerFormatException($"\"{trimmed}\" is not an ISO-8601 date and time.");
                return new(kind, trimmed, null, date, null);
            default:
                var parts = trimmed.Split('/');
                if (parts.Length != 2 || !parts[0].StartsWith('R'))
                    throw new TimerFormatException($"\"{trimmed}\" is not a cycle of the form R<n>/<duration>.");
                int? repetitions = parts[0].Length == 1 ? null
                    : int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                    : throw new TimerFormatException($"\"{parts[0]}\" is not a repetition count.");
                return new(kind, trimmed, ParseDuration(parts[1]), null, repetitions);
        }
    }

    /// <summary>An ISO-8601 duration (P1DT2H, PT0.05S) that is longer than zero.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        TimeSpan duration;
        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new TimerFormatException($"\"{text}\" is not an ISO-8601 duration.", e);
        }
        return duration > TimeSpan.Zero ? duration : throw new TimerFormatException($"\"{text}\" is not a positive duration.");
    }
}

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}
