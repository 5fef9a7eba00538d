using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;

namespace Ktp.Domain.Tests.Processes;

public class SubProcessAndErrorTests
{
    private const string Errors = """<error id="noLine" errorCode="NO_LINE" /><error id="noPort" errorCode="NO_PORT" />""";

    /// <summary>An installation sub-process: a survey and a parallel paperwork task; the survey may end in error NO_LINE.</summary>
    private static string Installation(string boundaries) => """
        <startEvent id="start" />
        <subProcess id="install">
          <startEvent id="iStart" /><parallelGateway id="iFork" />
          <userTask id="survey" /><userTask id="paperwork" />
          <exclusiveGateway id="found" default="f_ok" />
          <endEvent id="noLineEnd"><errorEventDefinition errorRef="noLine" /></endEvent>
          <endEvent id="iEnd" /><endEvent id="iEnd2" />
          <sequenceFlow id="i1" sourceRef="iStart" targetRef="iFork" />
          <sequenceFlow id="i2" sourceRef="iFork" targetRef="survey" />
          <sequenceFlow id="i3" sourceRef="iFork" targetRef="paperwork" />
          <sequenceFlow id="i4" sourceRef="survey" targetRef="found" />
          <sequenceFlow id="f_none" sourceRef="found" targetRef="noLineEnd"><conditionExpression>{"!":{"var":"lineFound"}}</conditionExpression></sequenceFlow>
          <sequenceFlow id="f_ok" sourceRef="found" targetRef="iEnd" />
          <sequenceFlow id="i5" sourceRef="paperwork" targetRef="iEnd2" />
        </subProcess>
        <boundaryEvent id="installLate" attachedToRef="install" cancelActivity="false"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
        <userTask id="activate" /><userTask id="refund" /><userTask id="investigate" /><userTask id="chase" /><endEvent id="end" />
        """ + boundaries + Chain("start", "install", "activate", "end") + Chain("installLate", "chase");

    private static readonly ProcessDefinition Caught = Deploy(Installation("""
        <boundaryEvent id="anyError" attachedToRef="install"><errorEventDefinition /></boundaryEvent>
        <boundaryEvent id="lineMissing" attachedToRef="install"><errorEventDefinition errorRef="noLine" /></boundaryEvent>
        """ + Chain("anyError", "investigate") + Chain("lineMissing", "refund")), Errors);

    [Fact]
    public void An_embedded_sub_process_runs_its_own_tokens_and_then_continues()
    {
        var run = new ProcessDriver(Caught).Start();
        var install = run.State.Tokens.Single(t => t.NodeId == "install");
        run.State.Tokens.Where(t => t.ScopeTokenId == install.Id).Select(t => t.NodeId).ShouldBe(["survey", "paperwork"]);

        run.Complete("survey", new { lineFound = true });
        run.ActiveNodes.ShouldBe(["install", "paperwork"]);

        run.Complete("paperwork");
        run.ActiveNodes.ShouldBe(["activate"]);
        run.State.CompletedNodes.ShouldContain("install");
        run.Last.OfType<TimerCancelled>().ShouldHaveSingleItem();
    }

    [Fact]
    public void An_error_end_inside_a_sub_process_is_caught_by_the_boundary_event_naming_its_code()
    {
        var run = new ProcessDriver(Caught).Start();

        run.Complete("survey", new { lineFound = false });

        run.Last.OfType<ErrorThrown>().Single().ShouldBe(new ErrorThrown("i1#9", "noLineEnd", "NO_LINE", "lineMissing", run.Now));
        run.Last.OfType<TokenCancelled>().Select(c => c.NodeId).ShouldBe(["paperwork", "install"]);
        run.Last.OfType<TimerCancelled>().ShouldHaveSingleItem();
        run.ActiveNodes.ShouldBe(["refund"]);
        run.State.UserTasks.Select(t => t.NodeId).ShouldBe(["refund"]);
        run.State.Timers.ShouldBeEmpty();
    }

    [Fact]
    public void A_catch_all_error_boundary_catches_any_code()
    {
        var run = new ProcessDriver(Deploy(Installation("""<boundaryEvent id="anyError" attachedToRef="install"><errorEventDefinition /></boundaryEvent>""" + Chain("anyError", "investigate")), Errors))
            .Start();

        run.Complete("survey", new { lineFound = false });

        run.All<ErrorThrown>().Single().CaughtBy.ShouldBe("anyError");
        run.ActiveNodes.ShouldBe(["investigate"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""<boundaryEvent id="portMissing" attachedToRef="install"><errorEventDefinition errorRef="noPort" /></boundaryEvent>""")]
    public void An_uncaught_error_fails_the_instance_and_withdraws_everything(string boundaries)
    {
        var run = new ProcessDriver(Deploy(Installation(boundaries), Errors)).Start();

        run.Complete("survey", new { lineFound = false });

        run.Last.OfType<ErrorThrown>().Single().CaughtBy.ShouldBeNull();
        run.Last[^1].ShouldBe(new InstanceFailed("NO_LINE", "noLineEnd", run.Now));
        run.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ProcessStatus.Failed),
            s => s.Outcome.ShouldBe("NO_LINE"),
            s => s.Tokens.ShouldBeEmpty(),
            s => s.UserTasks.ShouldBeEmpty(),
            s => s.Timers.ShouldBeEmpty());
    }

    [Fact]
    public void An_error_goes_up_through_nested_sub_processes_to_the_first_boundary_that_catches_it()
    {
        var run = new ProcessDriver(Deploy("""
            <startEvent id="start" />
            <subProcess id="outer"><startEvent id="oStart" />
              <subProcess id="inner"><startEvent id="nStart" /><endEvent id="boom"><errorEventDefinition errorRef="noPort" /></endEvent>
                <sequenceFlow id="n1" sourceRef="nStart" targetRef="boom" /></subProcess>
              <sequenceFlow id="o1" sourceRef="oStart" targetRef="inner" />
            </subProcess>
            <boundaryEvent id="outerCatch" attachedToRef="outer"><errorEventDefinition errorRef="noPort" /></boundaryEvent>
            <userTask id="fix" />
            """ + Chain("start", "outer") + Chain("outerCatch", "fix"), Errors)).Start();

        run.All<ErrorThrown>().Single().CaughtBy.ShouldBe("outerCatch");
        run.All<TokenCancelled>().Select(c => c.NodeId).ShouldBe(["inner", "outer"]);
        run.ActiveNodes.ShouldBe(["fix"]);
    }

    [Fact]
    public void An_interrupting_timer_on_a_sub_process_withdraws_everything_inside_it()
    {
        var run = new ProcessDriver(Deploy(Installation("""
            <boundaryEvent id="giveUp" attachedToRef="install"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            """ + Chain("giveUp", "refund")), Errors)).Start();

        run.Fire("giveUp");

        run.Last.OfType<TokenCancelled>().Select(c => c.NodeId).ShouldBe(["survey", "paperwork", "install"]);
        run.ActiveNodes.ShouldBe(["refund"]);
        run.State.Timers.ShouldBeEmpty();
    }
}
