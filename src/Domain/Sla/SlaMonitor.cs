namespace Ktp.Domain.Sla;

public enum SlaState
{
    /// <summary>More than the policy's warning time of working time is left.</summary>
    OnTime,

    /// <summary>Not yet due, but within the warning time of the deadline.</summary>
    AtRisk,

    /// <summary>The deadline has come and the step is still open.</summary>
    Breached,
}

/// <summary>An escalation level that has come due: <see cref="Level"/> 1 is the policy's first step.</summary>
public sealed record DueEscalation(int Level, EscalationStep Step, DateTimeOffset DueAt);

/// <param name="BusinessTimeLeft">Working time until the deadline; negative (time overdue) once past it.</param>
/// <param name="Escalations">Every level due by now, level 1 first; the caller raises those it has not raised yet.</param>
/// <param name="NextChangeAt">When the state changes or the next level comes due, for a timer; null when nothing more will happen.</param>
public sealed record SlaEvaluation(
    SlaState State, TimeSpan BusinessTimeLeft, IReadOnlyList<DueEscalation> Escalations, DateTimeOffset? NextChangeAt);

/// <summary>Where an open step stands against its deadline. Pure: timers and notifications are infrastructure.</summary>
public static class SlaMonitor
{
    /// <param name="due">The step's deadline (from <see cref="SlaClock"/>, or as a manager set it for this inquiry).</param>
    public static SlaEvaluation Evaluate(DateTimeOffset due, DateTimeOffset now, SlaPolicy policy, BusinessCalendar calendar)
    {
        var left = calendar.BusinessTimeBetween(now, due);
        if (now >= due)
        {
            var levels = policy.Escalations.Select((step, i) => new DueEscalation(i + 1, step, EscalationDueAt(due, step, calendar))).ToList();
            return new SlaEvaluation(SlaState.Breached, left,
                [.. levels.Where(level => level.DueAt <= now)],
                levels.FirstOrDefault(level => level.DueAt > now)?.DueAt);
        }
        if (policy.WarnBefore > TimeSpan.Zero && left <= policy.WarnBefore)
            return new SlaEvaluation(SlaState.AtRisk, left, [], due);
        var warnAt = policy.WarnBefore > TimeSpan.Zero ? calendar.AddBusinessTime(now, left - policy.WarnBefore) : due;
        return new SlaEvaluation(SlaState.OnTime, left, [], warnAt);
    }

    /// <summary>A step done by its deadline met the SLA.</summary>
    public static bool WasMet(DateTimeOffset due, DateTimeOffset doneAt) => doneAt <= due;

    private static DateTimeOffset EscalationDueAt(DateTimeOffset due, EscalationStep step, BusinessCalendar calendar) =>
        step.AfterDue == TimeSpan.Zero ? due : calendar.AddBusinessTime(due, step.AfterDue);
}
