namespace Ktp.Domain.Sla;

/// <summary>Deadlines of steps in working time.</summary>
public static class SlaClock
{
    /// <summary>When a step started at <paramref name="stepStart"/> is due under <paramref name="policy"/>.</summary>
    public static DateTimeOffset DeadlineFor(SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset stepStart) =>
        DeadlineFor(policy.Duration, calendar, stepStart);

    /// <summary>The same with a duration set for one inquiry by a manager, in place of the policy's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration that is not positive.</exception>
    public static DateTimeOffset DeadlineFor(TimeSpan duration, BusinessCalendar calendar, DateTimeOffset stepStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return calendar.AddBusinessTime(stepStart, duration);
    }
}
