using System.Globalization;

namespace Ktp.Domain.Sla;

/// <summary>
/// Working time within one local day, from <paramref name="From"/> up to (not including) <paramref name="To"/>;
/// <c>To</c> may be 24:00. A night shift is two intervals: 22:00–24:00 on one day and 00:00–06:00 on the next.
/// </summary>
public readonly record struct WorkingInterval(TimeSpan From, TimeSpan To)
{
    public static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public static WorkingInterval AllDay => new(TimeSpan.Zero, EndOfDay);

    public bool IsValid => From >= TimeSpan.Zero && To <= EndOfDay && From < To;

    /// <summary>"09:00-18:00" (a hyphen or en dash); "24:00" ends the day.</summary>
    /// <exception cref="FormatException">Not two HH:mm times.</exception>
    public static WorkingInterval Parse(string text)
    {
        var parts = text.Split('-', '–');
        if (parts.Length != 2)
            throw new FormatException($"'{text}' is not an interval like 09:00-18:00.");
        return new WorkingInterval(Time(parts[0]), Time(parts[1]));
    }

    public override string ToString() => $"{Format(From)}–{Format(To)}";

    private static TimeSpan Time(string text) => text.Trim() switch
    {
        "24:00" => EndOfDay,
        var t when TimeOnly.TryParseExact(t, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) => time.ToTimeSpan(),
        var t => throw new FormatException($"'{t}' is not a time like 09:00."),
    };

    private static string Format(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";
}
