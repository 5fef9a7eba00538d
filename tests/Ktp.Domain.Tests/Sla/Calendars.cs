using Ktp.Domain.Sla;

namespace Ktp.Domain.Tests.Sla;

internal static class Calendars
{
    public static readonly TimeSpan Msk = TimeSpan.FromHours(3);

    /// <summary>Moscow, 09:00–18:00 Monday to Friday.</summary>
    public static BusinessCalendar Moscow(IEnumerable<DateOnly>? holidays = null, IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingInterval>>? extraDays = null) =>
        BusinessCalendar.MondayToFriday("Europe/Moscow", [WorkingInterval.Parse("09:00-18:00")], holidays, extraDays);

    /// <summary>A local Moscow time (no daylight saving there).</summary>
    public static DateTimeOffset InMoscow(int month, int day, int hour, int minute = 0, int year = 2025) => new(year, month, day, hour, minute, 0, Msk);
}
