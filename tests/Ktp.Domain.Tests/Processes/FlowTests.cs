using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;

namespace Ktp.Domain.Tests.Processes;

public class FlowTests
{
    [Fact]
    public void Several_flows_out_of_a_task_run_in_parallel_and_a_node_without_outgoing_flows_ends_its_path()
    {
        var run = new ProcessDriver(Deploy("""<startEvent id="start" /><task id="split" /><userTask id="a" /><userTask id="b" />"""
            + Chain("start", "split", "a") + Chain("split", "b"))).Start();

        run.ActiveNodes.ShouldBe(["a", "b"]);
        run.Complete("a").State.Status.ShouldBe(ProcessStatus.Running);
        run.Complete("b").State.Status.ShouldBe(ProcessStatus.Completed);
    }

    [Fact]
    public void A_rework_loop_creates_a_fresh_task_each_round_and_takes_the_exit_when_the_condition_changes()
    {
        var run = new ProcessDriver(Deploy("""
            <startEvent id="start" /><exclusiveGateway id="merge" /><userTask id="check" />
            <boundaryEvent id="slow" attachedToRef="check"><timerEventDefinition><timeDuration>PT8H</timeDuration></timerEventDefinition></boundaryEvent>
            <exclusiveGateway id="ok" default="f_again" /><endEvent id="end" /><endEvent id="escalated" />
            """ + Chain("start", "merge", "check", "ok") + Flow("f_done", "ok", "end", """{"var":"approved"}""") + Flow("f_again", "ok", "merge")
                + Chain("slow", "escalated"))).Start();
        var first = run.TaskAt("check");

        run.Complete("check", new { approved = false });
        var second = run.TaskAt("check");
        second.ShouldNotBe(first);
        run.State.Timers.ShouldHaveSingleItem().TokenId.ShouldBe(second);

        run.Complete("check", new { approved = true });
        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.CompletedNodes.Count(n => n == "check").ShouldBe(2);
        run.State.TakenFlows.ShouldContain("f_again");
    }

    [Fact]
    public void An_inclusive_gateway_records_the_variables_its_conditions_missed()
    {
        var run = new ProcessDriver(Deploy("""<startEvent id="start" /><inclusiveGateway id="opts" default="f_none" /><userTask id="tv" /><userTask id="none" />"""
            + Chain("start", "opts") + Flow("f_tv", "opts", "tv", """{"var":"wantsTv"}""") + Flow("f_none", "opts", "none"))).Start();

        run.ActiveNodes.ShouldBe(["none"]);
        run.All<GatewayPassed>().Single().ShouldSatisfyAllConditions(g => g.FlowIds.ShouldBe(["f_none"]), g => g.MissingVariables.ShouldBe(["wantsTv"]));
        run.State.MissingVariables.Single().NodeId.ShouldBe("opts");
    }
}
