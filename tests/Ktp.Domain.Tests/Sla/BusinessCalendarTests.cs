using Ktp.Domain.Common;
using Ktp.Domain.Sla;
using static Ktp.Domain.Tests.Sla.Calendars;

namespace Ktp.Domain.Tests.Sla;

public class BusinessCalendarTests
{
    // March 2025: Monday 3rd … Friday 7th; Saturday 8th, Sunday 9th.
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1), Cest = TimeSpan.FromHours(2);

    private static BusinessCalendar Sundays(string hours) =>
        new("Europe/Berlin", new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> { [DayOfWeek.Sunday] = [WorkingInterval.Parse(hours)] });

    [Fact]
    public void Time_within_one_working_day_is_wall_clock_time()
    {
        Moscow().AddBusinessTime(InMoscow(3, 3, 10), TimeSpan.FromHours(3)).ShouldBe(InMoscow(3, 3, 13));
    }

    [Fact]
    public void A_lunch_break_does_not_count()
    {
        var calendar = BusinessCalendar.MondayToFriday("Europe/Moscow", [WorkingInterval.Parse("09:00-13:00"), WorkingInterval.Parse("14:00-18:00")]);

        calendar.AddBusinessTime(InMoscow(3, 3, 12), TimeSpan.FromHours(2)).ShouldBe(InMoscow(3, 3, 15));
        calendar.BusinessTimeBetween(InMoscow(3, 3, 9), InMoscow(3, 4, 9)).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void The_clock_stops_overnight()
    {
        Moscow().AddBusinessTime(InMoscow(3, 3, 17), TimeSpan.FromHours(2)).ShouldBe(InMoscow(3, 4, 10));
    }

    [Fact]
    public void A_deadline_that_uses_up_the_day_falls_at_closing_time()
    {
        Moscow().AddBusinessTime(InMoscow(3, 3, 9), TimeSpan.FromHours(9)).ShouldBe(InMoscow(3, 3, 18));
    }

    [Fact]
    public void The_clock_stops_over_the_weekend()
    {
        var calendar = Moscow();

        calendar.AddBusinessTime(InMoscow(3, 7, 17), TimeSpan.FromHours(2)).ShouldBe(InMoscow(3, 10, 10));
        calendar.BusinessTimeBetween(InMoscow(3, 7, 17), InMoscow(3, 10, 10)).ShouldBe(TimeSpan.FromHours(2));
        calendar.BusinessTimeBetween(InMoscow(3, 10, 10), InMoscow(3, 7, 17)).ShouldBe(TimeSpan.FromHours(-2));
    }

    [Fact]
    public void Holidays_are_days_off()
    {
        // 1 and 2 May 2025 (Thursday, Friday) are holidays; 3–4 May a weekend.
        var calendar = Moscow(holidays: [new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 2)]);

        calendar.AddBusinessTime(InMoscow(4, 30, 17), TimeSpan.FromHours(2)).ShouldBe(InMoscow(5, 5, 10));
        calendar.BusinessTimeBetween(InMoscow(4, 30, 9), InMoscow(5, 6, 9)).ShouldBe(TimeSpan.FromHours(18));
        calendar.HoursOn(new DateOnly(2025, 5, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void An_extra_working_day_counts_with_its_own_hours()
    {
        // Saturday 1 November 2025 was worked, 09:00–17:00.
        var calendar = Moscow(extraDays: new Dictionary<DateOnly, IReadOnlyList<WorkingInterval>>
        {
            [new DateOnly(2025, 11, 1)] = [WorkingInterval.Parse("09:00-17:00")],
        });

        calendar.AddBusinessTime(InMoscow(10, 31, 17), TimeSpan.FromHours(2)).ShouldBe(InMoscow(11, 1, 10));
        calendar.AddBusinessTime(InMoscow(11, 1, 16), TimeSpan.FromHours(2)).ShouldBe(InMoscow(11, 3, 10));
    }

    [Fact]
    public void Started_outside_working_hours_the_clock_starts_at_the_next_opening()
    {
        var calendar = Moscow();

        calendar.AddBusinessTime(InMoscow(3, 8, 12), TimeSpan.FromHours(1)).ShouldBe(InMoscow(3, 10, 10));
        calendar.AddBusinessTime(InMoscow(3, 4, 7), TimeSpan.FromHours(1)).ShouldBe(InMoscow(3, 4, 10));
        calendar.AddBusinessTime(InMoscow(3, 4, 18), TimeSpan.FromHours(1)).ShouldBe(InMoscow(3, 5, 10));
        calendar.NextOpening(InMoscow(3, 8, 12)).ShouldBe(InMoscow(3, 10, 9));
        calendar.NextOpening(InMoscow(3, 4, 11)).ShouldBe(InMoscow(3, 4, 11));
        calendar.IsWorkingTime(InMoscow(3, 4, 11)).ShouldBeTrue();
        calendar.IsWorkingTime(InMoscow(3, 4, 18)).ShouldBeFalse();
    }

    [Fact]
    public void Instants_from_other_offsets_are_read_in_the_calendar_zone()
    {
        // 06:30 UTC is 09:30 in Moscow.
        var deadline = Moscow().AddBusinessTime(new DateTimeOffset(2025, 3, 3, 6, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        deadline.ShouldBe(InMoscow(3, 3, 10, 30));
        deadline.Offset.ShouldBe(Msk);
    }

    [Fact]
    public void Working_hours_keep_their_local_times_across_the_spring_change()
    {
        // Berlin moves from +01:00 to +02:00 on Sunday 30 March 2025.
        var calendar = BusinessCalendar.MondayToFriday("Europe/Berlin", [WorkingInterval.Parse("09:00-18:00")]);

        var deadline = calendar.AddBusinessTime(new DateTimeOffset(2025, 3, 28, 17, 0, 0, Cet), TimeSpan.FromHours(2));

        deadline.ShouldBe(new DateTimeOffset(2025, 3, 31, 10, 0, 0, Cest));
        deadline.Offset.ShouldBe(Cest);
    }

    [Fact]
    public void Round_the_clock_service_loses_an_hour_in_spring_and_gains_one_in_autumn()
    {
        var calendar = BusinessCalendar.AlwaysOpen("Europe/Berlin");

        calendar.AddBusinessTime(new DateTimeOffset(2025, 3, 29, 12, 0, 0, Cet), TimeSpan.FromHours(24))
            .ShouldBe(new DateTimeOffset(2025, 3, 30, 13, 0, 0, Cest));
        calendar.BusinessTimeBetween(new DateTimeOffset(2025, 3, 30, 0, 0, 0, Cet), new DateTimeOffset(2025, 3, 31, 0, 0, 0, Cest))
            .ShouldBe(TimeSpan.FromHours(23));
        calendar.BusinessTimeBetween(new DateTimeOffset(2025, 10, 26, 0, 0, 0, Cest), new DateTimeOffset(2025, 10, 27, 0, 0, 0, Cet))
            .ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void A_night_shift_over_a_clock_change_is_as_long_as_it_really_is()
    {
        var calendar = Sundays("00:00-06:00");
        var saturday = new DateTimeOffset(2025, 3, 29, 12, 0, 0, Cet);

        calendar.BusinessTimeBetween(saturday, saturday.AddDays(2)).ShouldBe(TimeSpan.FromHours(5));
        calendar.BusinessTimeBetween(saturday.AddDays(-7), saturday.AddDays(-5)).ShouldBe(TimeSpan.FromHours(6));
        calendar.BusinessTimeBetween(new DateTimeOffset(2025, 10, 25, 12, 0, 0, Cest), new DateTimeOffset(2025, 10, 27, 12, 0, 0, Cet))
            .ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void Hours_starting_in_the_skipped_hour_start_when_the_clock_jumps()
    {
        // On 30 March 2025 Berlin clocks go from 02:00 straight to 03:00, so 02:30–04:00 is one hour, from 03:00.
        var calendar = Sundays("02:30-04:00");
        var saturday = new DateTimeOffset(2025, 3, 29, 12, 0, 0, Cet);

        calendar.BusinessTimeBetween(saturday, saturday.AddDays(2)).ShouldBe(TimeSpan.FromHours(1));
        calendar.AddBusinessTime(saturday, TimeSpan.FromMinutes(30)).ShouldBe(new DateTimeOffset(2025, 3, 30, 3, 30, 0, Cest));
    }

    [Fact]
    public void Hours_starting_in_the_repeated_hour_start_at_its_first_occurrence()
    {
        // On 26 October 2025 Berlin clocks go from 03:00 back to 02:00: 02:30 (+02:00) to 04:00 (+01:00) is 2.5 hours.
        var calendar = Sundays("02:30-04:00");

        calendar.BusinessTimeBetween(new DateTimeOffset(2025, 10, 25, 12, 0, 0, Cest), new DateTimeOffset(2025, 10, 27, 12, 0, 0, Cet))
            .ShouldBe(TimeSpan.FromHours(2.5));
    }

    [Fact]
    public void Bad_calendars_are_refused_with_the_field_at_fault()
    {
        var nineToSix = WorkingInterval.Parse("09:00-18:00");

        Should.Throw<ValidationFailedException>(() => BusinessCalendar.MondayToFriday("Mars/Olympus", [nineToSix]))
            .Errors.Keys.ShouldBe(["TimeZoneId"]);
        Should.Throw<ValidationFailedException>(() => new BusinessCalendar("Europe/Moscow", new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>()))
            .Errors.Keys.ShouldBe(["WeeklyHours"]);
        Should.Throw<ValidationFailedException>(() => BusinessCalendar.MondayToFriday("Europe/Moscow", [nineToSix, WorkingInterval.Parse("17:00-20:00")]))
            .Errors.Keys.ShouldContain("WeeklyHours[Monday]");
        Should.Throw<ValidationFailedException>(() => BusinessCalendar.MondayToFriday("Europe/Moscow", [new WorkingInterval(TimeSpan.FromHours(18), TimeSpan.FromHours(9))]))
            .Errors.Keys.ShouldContain("WeeklyHours[Friday]");
        Should.Throw<ValidationFailedException>(() => Moscow(
                holidays: [new DateOnly(2025, 11, 1)],
                extraDays: new Dictionary<DateOnly, IReadOnlyList<WorkingInterval>> { [new DateOnly(2025, 11, 1)] = [nineToSix] }))
            .Errors["ExtraWorkingDays[2025-11-01]"].ShouldBe(["This date is also a holiday."]);
    }

    [Fact]
    public void Intervals_are_written_as_hours_and_minutes()
    {
        WorkingInterval.Parse("9:30 - 24:00").ShouldBe(new WorkingInterval(TimeSpan.FromHours(9.5), TimeSpan.FromHours(24)));
        WorkingInterval.Parse("09:00–18:00").ToString().ShouldBe("09:00–18:00");
        Should.Throw<FormatException>(() => WorkingInterval.Parse("nine to six"));
        Should.Throw<FormatException>(() => WorkingInterval.Parse("09:00-25:00"));
    }

    [Fact]
    public void Negative_durations_are_a_programming_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Moscow().AddBusinessTime(InMoscow(3, 3, 9), TimeSpan.FromHours(-1)));
    }
}
