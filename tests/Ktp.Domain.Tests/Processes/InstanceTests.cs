using System.Text.Json;
using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;
using static Ktp.Domain.Tests.Processes.ProcessDriver;

namespace Ktp.Domain.Tests.Processes;

public class InstanceTests
{
    private static readonly ProcessDefinition Connection = Deploy("""
        <startEvent id="start" />
        <businessRuleTask id="plan" ktp:rule='{"if":[{"var":"business"},"pro","home"]}' ktp:resultVariable="plan" />
        <parallelGateway id="fork" />
        <serviceTask id="reserve" ktp:endpoint="https://provisioning.local/reserve" ktp:retries="1" />
        <subProcess id="visit"><startEvent id="vStart" /><userTask id="install" ktp:candidateRole="technician" /><endEvent id="vEnd" />
          <sequenceFlow id="v1" sourceRef="vStart" targetRef="install" /><sequenceFlow id="v2" sourceRef="install" targetRef="vEnd" /></subProcess>
        <boundaryEvent id="remind" attachedToRef="visit" cancelActivity="false"><timerEventDefinition><timeCycle>R3/PT4H</timeCycle></timerEventDefinition></boundaryEvent>
        <userTask id="call" />
        <parallelGateway id="join" />
        <intermediateCatchEvent id="activated" ktp:correlationKey="orderNo"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
        <exclusiveGateway id="kind" default="f_home" />
        <userTask id="welcomePro" /><endEvent id="end" />
        """ + Chain("start", "plan", "fork") + Chain("fork", "reserve", "join") + Chain("fork", "visit", "join") + Chain("remind", "call")
            + Chain("join", "activated", "kind") + Flow("f_pro", "kind", "welcomePro", """{"==":[{"var":"plan"},"pro"]}""") + Flow("f_home", "kind", "end")
            + Chain("welcomePro", "end"),
        """<message id="m" name="Activated" />""");

    /// <summary>A run through most of the engine: a rule, a fork, a failing call, a sub-process with a reminder, a message, a join.</summary>
    private static ProcessDriver LongRun()
    {
        var run = new ProcessDriver(Connection, "order-7/1").Start(new { orderNo = "A-17", business = true });
        run.Fail("reserve").Fire("remind").Fire("remind").Fail("reserve");
        run.Do(new RetryIncident(run.State.Incidents.Single().IncidentId, "anna", run.Now));
        run.Succeed("reserve", new { port = 12 }).CompleteAll("call").Complete("install");
        run.Do(new ReceiveMessage("Activated", "A-17", Vars(new { activatedAt = "2026-03-02" }), run.Now));
        return run;
    }

    [Fact]
    public void Replaying_the_events_gives_the_same_state_as_the_run()
    {
        var run = LongRun();
        run.ActiveNodes.ShouldBe(["welcomePro"]);
        run.State.CompletedNodes.Count(n => n == "call").ShouldBe(2);

        var replayed = ProcessInstance.From(run.History);

        Json(replayed).ShouldBe(Json(run.State));
        replayed.Version.ShouldBe(run.History.Count);
        replayed.IdsIssued.ShouldBe(run.State.IdsIssued);
    }

    [Fact]
    public void The_engine_is_deterministic_ids_and_times_come_from_the_events_and_the_commands()
    {
        var first = LongRun();
        var second = LongRun();

        second.History.Select(EventComparer.Json).ShouldBe(first.History.Select(EventComparer.Json));
        first.History.OfType<TokenEntered>().Select(t => t.TokenId).ShouldAllBe(id => id.StartsWith("order-7/1#", StringComparison.Ordinal));

        // Deciding on a replayed state gives what deciding on the live state gives.
        var command = new CompleteUserTask(first.TaskAt("welcomePro"), Vars(null), first.Now);
        ProcessDecisions.Decide(Connection, ProcessInstance.From(first.History), command).Select(EventComparer.Json)
            .ShouldBe(ProcessDecisions.Decide(Connection, first.State, command).Select(EventComparer.Json));
    }

    [Fact]
    public void Deciding_leaves_the_state_passed_in_unchanged()
    {
        var run = new ProcessDriver(Connection).Start(new { orderNo = "A-17" });
        var before = Json(run.State);

        ProcessDecisions.Decide(Connection, run.State, new CompleteUserTask(run.TaskAt("install"), Vars(null), T0));

        Json(run.State).ShouldBe(before);
    }

    [Fact]
    public void Cancelling_withdraws_every_token_task_and_timer()
    {
        var run = new ProcessDriver(Connection).Start(new { orderNo = "A-17" });

        run.Do(new CancelProcess("The customer withdrew the order.", "crm", T0.AddHours(1)));

        run.Last[^1].ShouldBe(new InstanceCancelled("The customer withdrew the order.", "crm", T0.AddHours(1)));
        run.Last.OfType<TokenCancelled>().Select(t => t.NodeId).ShouldBe(["reserve", "install", "visit"]);
        run.Last.OfType<TimerCancelled>().ShouldHaveSingleItem();
        run.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ProcessStatus.Cancelled),
            s => s.Outcome.ShouldBe("The customer withdrew the order."),
            s => s.Tokens.ShouldBeEmpty(),
            s => s.UserTasks.ShouldBeEmpty(),
            s => s.ServiceCalls.ShouldBeEmpty(),
            s => s.Timers.ShouldBeEmpty());
    }

    [Fact]
    public void A_finished_instance_refuses_every_command()
    {
        var run = new ProcessDriver(Deploy("""<startEvent id="s" /><userTask id="t" />""" + Chain("s", "t"))).Start();
        var task = run.TaskAt("t");
        run.Complete("t");
        run.State.Status.ShouldBe(ProcessStatus.Completed);

        Should.Throw<ProcessException>(() => run.Do(new CompleteUserTask(task, Vars(null), T0))).Message.ShouldContain("completed");
        Should.Throw<ProcessException>(() => run.Do(new CancelProcess("late", "crm", T0)));
        Should.Throw<ProcessException>(() => run.Start()).Message.ShouldContain("already started");
        Should.Throw<ProcessItemNotFoundException>(() => ProcessDecisions.Decide(run.Definition, new ProcessInstance(), new FireTimer("x", T0)));
    }

    [Fact]
    public void An_instance_stays_on_the_version_it_was_started_with()
    {
        var v1 = Deploy("""<startEvent id="s" /><userTask id="t" />""" + Chain("s", "t"), version: 1);
        var v2 = Deploy("""<startEvent id="s" /><userTask id="t" /><userTask id="u" />""" + Chain("s", "t", "u"), version: 2);
        var run = new ProcessDriver(v1).Start();

        run.State.DefinitionVersion.ShouldBe(1);
        Should.Throw<ArgumentException>(() => ProcessDecisions.Decide(v2, run.State, new CompleteUserTask(run.TaskAt("t"), Vars(null), T0)))
            .Message.ShouldContain("runs on p version 1");
    }

    private static string Json(ProcessInstance state) => JsonSerializer.Serialize(state);
}
