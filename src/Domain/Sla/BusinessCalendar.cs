using Ktp.Domain.Common;

namespace Ktp.Domain.Sla;

/// <summary>
/// A tenant's working calendar: weekly working hours in a time zone, holidays (days off) and extra working
/// days (days on, e.g. a Saturday worked in exchange for a bridge day). SLA time runs only inside working
/// hours. Hours are local wall-clock times: across a daylight-saving change, 09:00–18:00 is still nine hours;
/// a local time the clock skips means the moment the clock jumps, and a repeated local time its first occurrence.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> _weekly = [];
    private readonly HashSet<DateOnly> _holidays;
    private readonly Dictionary<DateOnly, IReadOnlyList<WorkingInterval>> _extraDays = [];

    /// <param name="timeZoneId">An IANA id such as "Europe/Moscow".</param>
    /// <param name="weeklyHours">Working intervals per weekday; a day left out is a day off.</param>
    /// <param name="holidays">Dates off whatever their weekday.</param>
    /// <param name="extraWorkingDays">Dates worked with the given hours, whatever their weekday.</param>
    /// <exception cref="ValidationFailedException">Unknown time zone, no working hours in the week, bad or overlapping intervals, a date both off and on.</exception>
    public BusinessCalendar(
        string timeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> weeklyHours,
        IEnumerable<DateOnly>? holidays = null,
        IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingInterval>>? extraWorkingDays = null)
    {
        var errors = new Validation();
        _zone = FindZone(timeZoneId, errors);
        _holidays = [.. holidays ?? []];
        foreach (var (day, hours) in weeklyHours)
            if (hours.Count > 0)
                _weekly[day] = CheckDay(hours, $"WeeklyHours[{day}]", errors);
        errors.Require(_weekly.Count > 0, "WeeklyHours", "Give working hours for at least one day of the week.");
        foreach (var (date, hours) in extraWorkingDays ?? new Dictionary<DateOnly, IReadOnlyList<WorkingInterval>>())
        {
            var field = $"ExtraWorkingDays[{date:yyyy-MM-dd}]";
            errors.Require(hours.Count > 0, field, "An extra working day needs working hours.");
            errors.Require(!_holidays.Contains(date), field, "This date is also a holiday.");
            _extraDays[date] = CheckDay(hours, field, errors);
        }
        errors.ThrowIfInvalid();
        TimeZoneId = timeZoneId;
    }

    /// <summary>The same <paramref name="hours"/> Monday to Friday; weekends off.</summary>
    public static BusinessCalendar MondayToFriday(
        string timeZoneId, IReadOnlyList<WorkingInterval> hours,
        IEnumerable<DateOnly>? holidays = null, IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingInterval>>? extraWorkingDays = null) =>
        new(timeZoneId,
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .ToDictionary(day => day, _ => hours),
            holidays, extraWorkingDays);

    /// <summary>Round the clock, every day (24/7 service).</summary>
    public static BusinessCalendar AlwaysOpen(string timeZoneId) =>
        new(timeZoneId, Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => (IReadOnlyList<WorkingInterval>)[WorkingInterval.AllDay]));

    public string TimeZoneId { get; }

    /// <summary>Working intervals per weekday, sorted; days off are absent.</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> WeeklyHours => _weekly;

    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    public IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingInterval>> ExtraWorkingDays => _extraDays;

    /// <summary>The instant in the calendar's time zone (same instant, local offset).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>Working intervals of a local date: its extra-day hours, none on a holiday, else the weekday's hours.</summary>
    public IReadOnlyList<WorkingInterval> HoursOn(DateOnly date) =>
        _extraDays.TryGetValue(date, out var extra) ? extra
        : _holidays.Contains(date) ? []
        : _weekly.GetValueOrDefault(date.DayOfWeek, []);

    public bool IsWorkingTime(DateTimeOffset instant) =>
        PeriodsOn(LocalDate(instant).AddDays(-1)).Concat(PeriodsOn(LocalDate(instant)))
            .Any(p => p.From <= instant && instant < p.To);

    /// <summary>
    /// The moment <paramref name="duration"/> of working time has passed since <paramref name="start"/>.
    /// Started outside working hours, the clock starts at the next opening. A deadline that uses up a working
    /// interval exactly falls on its closing time. The result is in the calendar's local offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative duration.</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var remaining = duration;
        // Terminates: some weekday has working hours, and holidays are finitely many.
        for (var date = LocalDate(start).AddDays(-1); ; date = date.AddDays(1))
            foreach (var (from, to) in PeriodsOn(date))
            {
                if (to <= start)
                    continue;
                var begin = from > start ? from : start;
                if (remaining <= to - begin)
                    return ToLocal(begin + remaining);
                remaining -= to - begin;
            }
    }

    /// <summary>The next moment the clock runs: <paramref name="instant"/> itself during working hours.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant) => AddBusinessTime(instant, TimeSpan.Zero);

    /// <summary>Working time from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            return -BusinessTimeBetween(to, from);
        var total = TimeSpan.Zero;
        for (var date = LocalDate(from).AddDays(-1); date <= LocalDate(to); date = date.AddDays(1))
            foreach (var period in PeriodsOn(date))
            {
                var overlap = Min(period.To, to) - Max(period.From, from);
                if (overlap > TimeSpan.Zero)
                    total += overlap;
            }
        return total;
    }

    /// <summary>The working intervals of a local date as instants, without any the clock skips entirely.</summary>
    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> PeriodsOn(DateOnly date) =>
        HoursOn(date)
            .Select(hours => (From: Instant(date, hours.From), To: Instant(date, hours.To)))
            .Where(period => period.From < period.To);

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The first instant at which the local clock shows <paramref name="time"/> on <paramref name="date"/>, or later.</summary>
    private DateTimeOffset Instant(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        if (_zone.IsInvalidTime(local))
            return FirstInstantShowing(local);
        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>For a local time the clock skips: the instant it jumps over it. A binary search over the day around it.</summary>
    private DateTimeOffset FirstInstantShowing(DateTime local)
    {
        var low = local.Ticks - TimeSpan.TicksPerDay;
        var high = local.Ticks + TimeSpan.TicksPerDay;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), _zone) >= local)
                high = middle;
            else
                low = middle + 1;
        }
        return new DateTimeOffset(low, TimeSpan.Zero);
    }

    private static TimeZoneInfo FindZone(string timeZoneId, Validation errors)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add(nameof(TimeZoneId), $"Unknown time zone '{timeZoneId}'; use an IANA id such as Europe/Moscow.");
            return TimeZoneInfo.Utc;
        }
    }

    private static IReadOnlyList<WorkingInterval> CheckDay(IReadOnlyList<WorkingInterval> hours, string field, Validation errors)
    {
        var sorted = hours.OrderBy(h => h.From).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            errors.Require(sorted[i].IsValid, field, $"{sorted[i]} is not an interval within one day.");
            if (i > 0 && sorted[i - 1].To > sorted[i].From)
                errors.Add(field, $"{sorted[i - 1]} and {sorted[i]} overlap.");
        }
        return sorted;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
