using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;
using static Ktp.Domain.Tests.Processes.ProcessDriver;

namespace Ktp.Domain.Tests.Processes;

public class TimerTests
{
    private static string Timer(string form, string text) => $"<timerEventDefinition><{form}>{text}</{form}></timerEventDefinition>";

    [Fact]
    public void An_intermediate_duration_timer_is_scheduled_from_the_clock_given_and_continues_when_fired()
    {
        var run = new ProcessDriver(Deploy($"""<startEvent id="start" /><intermediateCatchEvent id="wait">{Timer("timeDuration", "PT15M")}</intermediateCatchEvent><endEvent id="end" />"""
            + Chain("start", "wait", "end"))).Start();

        run.Last[^1].ShouldBe(new TimerScheduled("i1#3", "wait", "i1#2", T0.AddMinutes(15), 1, T0));
        run.State.Timers.ShouldHaveSingleItem();

        run.Fire("wait");

        run.Last[0].ShouldBe(new TimerFired("i1#3", T0.AddMinutes(15)));
        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.EndedAt.ShouldBe(T0.AddMinutes(15));
    }

    [Fact]
    public void A_date_timer_comes_due_at_its_date()
    {
        var run = new ProcessDriver(Deploy($"""<startEvent id="start" /><intermediateCatchEvent id="wait">{Timer("timeDate", "2026-04-01T08:00:00+03:00")}</intermediateCatchEvent>"""
            + Chain("start", "wait"))).Start();

        run.State.Timers.Single().DueAt.ShouldBe(new DateTimeOffset(2026, 4, 1, 5, 0, 0, TimeSpan.Zero));
    }

    private static readonly ProcessDefinition Escalation = Deploy($"""
        <startEvent id="start" /><userTask id="call" /><userTask id="escalate" /><userTask id="remind" />
        <boundaryEvent id="tooLate" attachedToRef="call">{Timer("timeDuration", "PT1H")}</boundaryEvent>
        <boundaryEvent id="nudge" attachedToRef="call" cancelActivity="false">{Timer("timeCycle", "R2/PT20M")}</boundaryEvent>
        <endEvent id="end" />
        """ + Chain("start", "call", "end") + Chain("tooLate", "escalate") + Chain("nudge", "remind"));

    [Fact]
    public void An_activity_schedules_its_boundary_timers_and_cancels_them_when_it_completes()
    {
        var run = new ProcessDriver(Escalation).Start();
        run.State.Timers.Select(t => (t.NodeId, t.DueAt, t.FiringsLeft)).ShouldBe([("tooLate", T0.AddHours(1), (int?)1), ("nudge", T0.AddMinutes(20), 2)]);

        run.Complete("call");

        run.Last.OfType<TimerCancelled>().Count().ShouldBe(2);
        run.State.Timers.ShouldBeEmpty();
        run.State.Status.ShouldBe(ProcessStatus.Completed);
    }

    [Fact]
    public void An_interrupting_boundary_timer_withdraws_the_task_and_its_other_timers()
    {
        var run = new ProcessDriver(Escalation).Start();
        var callTask = run.TaskAt("call");
        run.Now = T0.AddHours(1);
        run.Do(new FireTimer(run.State.Timers.Single(t => t.NodeId == "tooLate").TimerId, run.Now));

        run.Last.OfType<TokenCancelled>().Single().ShouldSatisfyAllConditions(c => c.TokenId.ShouldBe(callTask), c => c.NodeId.ShouldBe("call"));
        run.Last.OfType<TimerCancelled>().ShouldHaveSingleItem();
        run.ActiveNodes.ShouldBe(["escalate"]);
        run.State.CompletedNodes.ShouldContain("tooLate");
        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new CompleteUserTask(callTask, Vars(null), run.Now)));
    }

    [Fact]
    public void A_non_interrupting_cycle_timer_spawns_a_token_each_time_and_leaves_the_task_running()
    {
        var run = new ProcessDriver(Escalation).Start();

        run.Fire("nudge");
        run.ActiveNodes.ShouldBe(["call", "remind"]);
        run.State.Timers.Single(t => t.NodeId == "nudge").ShouldSatisfyAllConditions(t => t.DueAt.ShouldBe(T0.AddMinutes(40)), t => t.FiringsLeft.ShouldBe(1));

        run.Fire("nudge");
        run.ActiveNodes.ShouldBe(["call", "remind", "remind"]);
        run.State.Timers.Select(t => t.NodeId).ShouldBe(["tooLate"]);

        run.Complete("call");
        run.State.Status.ShouldBe(ProcessStatus.Running);
        run.CompleteAll("remind");
        run.State.Status.ShouldBe(ProcessStatus.Completed);
    }

    [Fact]
    public void A_cycle_without_a_count_repeats_until_the_activity_ends()
    {
        var run = new ProcessDriver(Deploy($"""
            <startEvent id="start" /><userTask id="work" /><boundaryEvent id="tick" attachedToRef="work" cancelActivity="false">{Timer("timeCycle", "R/PT1H")}</boundaryEvent>
            """ + Chain("start", "work"))).Start();

        for (var i = 1; i <= 5; i++) run.Fire("tick");

        run.All<TimerFired>().Count().ShouldBe(5);
        run.State.Timers.Single().DueAt.ShouldBe(T0.AddHours(6));
        run.State.CompletedNodes.Count(n => n == "tick").ShouldBe(5);
    }

    [Fact]
    public void An_unknown_or_already_fired_timer_is_refused()
    {
        var run = new ProcessDriver(Escalation).Start();
        var timer = run.State.Timers[1].TimerId;
        run.Do(new FireTimer(timer, run.Now));
        var version = run.State.Version;

        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new FireTimer("i1#2", run.Now)));
        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new FireTimer("nope", run.Now)));
        run.State.Version.ShouldBe(version);
    }
}
