using Ktp.Domain.Access;
using Ktp.Domain.Sla;
using static Ktp.Domain.Tests.Sla.Calendars;

namespace Ktp.Domain.Tests.Sla;

public class SlaMonitorTests
{
    private static readonly BusinessCalendar Calendar = Moscow();

    /// <summary>8 working hours; at risk in the last 2; escalate 1 h past due to the project manager, 4 h past due further up.</summary>
    private static readonly SlaPolicy Policy = new("billing.refund", "investigation", TimeSpan.FromHours(8), TimeSpan.FromHours(2),
    [
        new(TimeSpan.FromHours(1), [EscalationTarget.Role(Role.ProjectManager)]),
        new(TimeSpan.FromHours(4), [EscalationTarget.Role(Role.ProjectGroupManager), EscalationTarget.User("u-17")]),
    ]);

    // A step started Monday 09:00 is due Monday 17:00.
    private static readonly DateTimeOffset Due = SlaClock.DeadlineFor(Policy, Calendar, InMoscow(3, 3, 9));

    private static SlaEvaluation At(DateTimeOffset now) => SlaMonitor.Evaluate(Due, now, Policy, Calendar);

    [Fact]
    public void The_deadline_is_the_policy_duration_in_working_time()
    {
        Due.ShouldBe(InMoscow(3, 3, 17));
        SlaClock.DeadlineFor(Policy, Calendar, InMoscow(3, 3, 15)).ShouldBe(InMoscow(3, 4, 14));
    }

    [Fact]
    public void Well_before_the_deadline_the_step_is_on_time_until_the_warning()
    {
        var evaluation = At(InMoscow(3, 3, 12));

        evaluation.State.ShouldBe(SlaState.OnTime);
        evaluation.BusinessTimeLeft.ShouldBe(TimeSpan.FromHours(5));
        evaluation.Escalations.ShouldBeEmpty();
        evaluation.NextChangeAt.ShouldBe(InMoscow(3, 3, 15));
    }

    [Fact]
    public void The_warning_time_counts_working_hours_across_the_night()
    {
        var start = InMoscow(3, 3, 15);
        var due = SlaClock.DeadlineFor(Policy, Calendar, start);

        SlaMonitor.Evaluate(due, start, Policy, Calendar).NextChangeAt.ShouldBe(InMoscow(3, 4, 12));
        SlaMonitor.Evaluate(due, InMoscow(3, 3, 23), Policy, Calendar).State.ShouldBe(SlaState.OnTime);
        SlaMonitor.Evaluate(due, InMoscow(3, 4, 12, 30), Policy, Calendar).State.ShouldBe(SlaState.AtRisk);
    }

    [Fact]
    public void Within_the_warning_time_the_step_is_at_risk()
    {
        var evaluation = At(InMoscow(3, 3, 15, 30));

        evaluation.State.ShouldBe(SlaState.AtRisk);
        evaluation.BusinessTimeLeft.ShouldBe(TimeSpan.FromMinutes(90));
        evaluation.NextChangeAt.ShouldBe(Due);
    }

    [Fact]
    public void At_the_deadline_the_step_is_breached_before_any_escalation()
    {
        var evaluation = At(Due);

        evaluation.State.ShouldBe(SlaState.Breached);
        evaluation.Escalations.ShouldBeEmpty();
        evaluation.NextChangeAt.ShouldBe(InMoscow(3, 3, 18));
    }

    [Fact]
    public void Escalation_levels_come_due_in_working_time_past_the_deadline()
    {
        // Tuesday 09:30: 1 h on Monday evening plus 30 min on Tuesday past due.
        var evaluation = At(InMoscow(3, 4, 9, 30));

        evaluation.State.ShouldBe(SlaState.Breached);
        evaluation.BusinessTimeLeft.ShouldBe(TimeSpan.FromMinutes(-90));
        var level = evaluation.Escalations.ShouldHaveSingleItem();
        level.Level.ShouldBe(1);
        level.Step.Notify.ShouldBe([EscalationTarget.Role(Role.ProjectManager)]);
        level.DueAt.ShouldBe(InMoscow(3, 3, 18));
        evaluation.NextChangeAt.ShouldBe(InMoscow(3, 4, 12));
    }

    [Fact]
    public void Once_every_level_is_due_nothing_more_is_scheduled()
    {
        var evaluation = At(InMoscow(3, 4, 13));

        evaluation.Escalations.Select(e => e.Level).ShouldBe([1, 2]);
        evaluation.Escalations[1].Step.Notify.ShouldContain(EscalationTarget.User("u-17"));
        evaluation.NextChangeAt.ShouldBeNull();
    }

    [Fact]
    public void Overdue_time_does_not_grow_over_the_weekend()
    {
        // Due Friday 17:00; on Sunday only Friday's last hour is overdue, so level 2 waits for Monday.
        var due = InMoscow(3, 7, 17);

        var evaluation = SlaMonitor.Evaluate(due, InMoscow(3, 9, 12), Policy, Calendar);

        evaluation.BusinessTimeLeft.ShouldBe(TimeSpan.FromHours(-1));
        evaluation.Escalations.Select(e => e.Level).ShouldBe([1]);
        evaluation.NextChangeAt.ShouldBe(InMoscow(3, 10, 12));
    }

    [Fact]
    public void A_deadline_a_manager_set_for_one_inquiry_is_monitored_the_same_way()
    {
        var extended = SlaClock.DeadlineFor(TimeSpan.FromHours(16), Calendar, InMoscow(3, 3, 9));

        extended.ShouldBe(InMoscow(3, 4, 16));
        SlaMonitor.Evaluate(extended, InMoscow(3, 3, 17), Policy, Calendar).State.ShouldBe(SlaState.OnTime);
    }

    [Fact]
    public void Without_a_warning_time_a_step_goes_from_on_time_to_breached()
    {
        var policy = new SlaPolicy("billing.refund", null, TimeSpan.FromHours(8), TimeSpan.Zero);

        var evaluation = SlaMonitor.Evaluate(Due, InMoscow(3, 3, 16, 59), policy, Calendar);

        evaluation.State.ShouldBe(SlaState.OnTime);
        evaluation.NextChangeAt.ShouldBe(Due);
        SlaMonitor.Evaluate(Due, Due, policy, Calendar).NextChangeAt.ShouldBeNull();
    }

    [Fact]
    public void A_step_done_by_its_deadline_met_the_sla()
    {
        SlaMonitor.WasMet(Due, Due).ShouldBeTrue();
        SlaMonitor.WasMet(Due, Due.AddSeconds(1)).ShouldBeFalse();
    }
}
