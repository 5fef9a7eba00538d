using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;

namespace Ktp.Domain.Tests.Processes;

public class DeploymentTests
{
    [Fact]
    public void Every_supported_element_is_read_with_its_ktp_attributes()
    {
        var definition = Deploy("""
            <startEvent id="start" />
            <userTask id="check" name="Check the order" ktp:candidateRole="dispatcher" ktp:queue="orders" ktp:due="PT4H" ktp:form="order-check" camunda:assignee="demo" />
            <serviceTask id="provision" ktp:endpoint="https://provisioning.local/lines" ktp:retries="2" />
            <businessRuleTask id="score" ktp:rule='{"*":[{"var":"lines"},2]}' ktp:resultVariable="score" />
            <task id="note" />
            <exclusiveGateway id="big" default="f_small" />
            <parallelGateway id="fork" />
            <inclusiveGateway id="any" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <intermediateCatchEvent id="reply" ktp:correlationKey="orderNo"><messageEventDefinition messageRef="m1" /></intermediateCatchEvent>
            <subProcess id="sub"><startEvent id="subStart" /><endEvent id="subFail"><errorEventDefinition errorRef="e1" /></endEvent>
              <sequenceFlow id="fs" sourceRef="subStart" targetRef="subFail" /></subProcess>
            <boundaryEvent id="late" attachedToRef="check" cancelActivity="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <boundaryEvent id="caught" attachedToRef="sub"><errorEventDefinition errorRef="e1" /></boundaryEvent>
            <endEvent id="end" />
            """ + Chain("start", "check", "provision", "score", "note", "big") + Flow("f_big", "big", "fork", """{">":[{"var":"score"},4]}""")
                + Flow("f_small", "big", "end") + Chain("fork", "any", "wait", "reply", "sub", "end") + Flow("f_fork_end", "fork", "end")
                + Chain("late", "end") + Chain("caught", "end"),
            """<message id="m1" name="lineReady" /><error id="e1" errorCode="NO_LINE" />""", version: 3);

        definition.Key.ShouldBe("p");
        definition.Version.ShouldBe(3);
        definition.StartEventId.ShouldBe("start");
        definition.Node("check").ShouldBe(new UserTask("check", "Check the order", null, "dispatcher", "orders", TimeSpan.FromHours(4), "order-check"), new NodeIgnoringFlows());
        definition.Node("provision").ShouldBeOfType<ServiceTask>().ShouldSatisfyAllConditions(t => t.Endpoint.ShouldBe("https://provisioning.local/lines"), t => t.Retries.ShouldBe(2));
        definition.Node("score").ShouldBeOfType<BusinessRuleTask>().ResultVariable.ShouldBe("score");
        definition.Node("note").ShouldBeOfType<NoneTask>();
        definition.Node("big").ShouldBeOfType<ExclusiveGateway>().DefaultFlowId.ShouldBe("f_small");
        definition.Node("big").Outgoing.ShouldBe(["f_big", "f_small"]);
        definition.Flows["f_big"].Condition!.Text.ShouldBe("""{">":[{"var":"score"},4]}""");
        definition.Node("wait").ShouldBeOfType<TimerCatchEvent>().Timer.Duration.ShouldBe(TimeSpan.FromDays(1));
        definition.Node("reply").ShouldBe(new MessageCatchEvent("reply", null, null, "lineReady", "orderNo"), new NodeIgnoringFlows());
        definition.Node("subFail").ShouldBe(new EndEvent("subFail", null, "sub", "NO_LINE"), new NodeIgnoringFlows());
        definition.Node("sub").ShouldBeOfType<SubProcess>().StartEventId.ShouldBe("subStart");
        var late = definition.Node("late").ShouldBeOfType<TimerBoundaryEvent>();
        (late.CancelsActivity, late.Timer.Kind, late.Timer.Repetitions, late.Timer.Duration).ShouldBe((false, TimerKind.Cycle, 2, TimeSpan.FromHours(1)));
        definition.Node("caught").ShouldBe(new ErrorBoundaryEvent("caught", null, null, "sub", "NO_LINE"), new NodeIgnoringFlows());
        definition.BoundariesOf("check").Select(b => b.Id).ShouldBe(["late"]);
    }

    [Theory]
    [InlineData("timeDuration", "PT0.05S", TimerKind.Duration)]
    [InlineData("timeDate", "2026-04-01T08:00:00Z", TimerKind.Date)]
    [InlineData("timeCycle", "R/PT10M", TimerKind.Cycle)]
    public void Timers_take_a_duration_a_date_or_a_cycle(string form, string text, TimerKind kind)
    {
        var definition = Deploy($"""
            <startEvent id="start" /><intermediateCatchEvent id="wait"><timerEventDefinition><{form}>{text}</{form}></timerEventDefinition></intermediateCatchEvent><endEvent id="end" />
            """ + Chain("start", "wait", "end"));

        definition.Node("wait").ShouldBeOfType<TimerCatchEvent>().Timer.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Each_unsupported_element_is_named_with_its_kind_and_id()
    {
        var problems = Refusal("""
            <startEvent id="start" />
            <scriptTask id="script" />
            <callActivity id="call" />
            <eventBasedGateway id="race" />
            <intermediateThrowEvent id="shout" />
            <endEvent id="stop"><terminateEventDefinition /></endEvent>
            <userTask id="many"><multiInstanceLoopCharacteristics id="loop" /></userTask>
            <boundaryEvent id="signal" attachedToRef="many"><signalEventDefinition /></boundaryEvent>
            <dataObject id="data" />
            <laneSet id="lanes" />
            """ + Chain("start", "many", "stop"), """<signal id="s1" name="s" />""");

        problems.Select(p => (p.Kind, p.ElementId)).ShouldBe(
        [
            ("signal", "s1"),
            ("scriptTask", "script"),
            ("callActivity", "call"),
            ("eventBasedGateway", "race"),
            ("intermediateThrowEvent", "shout"),
            ("endEvent with terminateEventDefinition", "stop"),
            ("multiInstanceLoopCharacteristics", "loop"),
            ("boundaryEvent with signalEventDefinition", "signal"),
            ("dataObject", "data"),
            ("laneSet", "lanes"),
        ]);
    }

    [Fact]
    public void A_JUEL_condition_is_refused_naming_its_flow()
    {
        var problems = Refusal("""<startEvent id="start" /><exclusiveGateway id="x" default="no" /><endEvent id="end" />"""
            + Chain("start", "x") + Flow("yes", "x", "end", "${isHoliday}") + Flow("no", "x", "end"));

        problems.Single().ShouldSatisfyAllConditions(
            p => (p.Kind, p.ElementId).ShouldBe(("sequenceFlow", "yes")),
            p => p.Reason.ShouldStartWith("The condition \"${isHoliday}\" is not JsonLogic"));
    }

    [Fact]
    public void Broken_timers_flows_and_task_settings_are_refused()
    {
        var problems = Refusal("""
            <startEvent id="start" />
            <intermediateCatchEvent id="empty"><timerEventDefinition /></intermediateCatchEvent>
            <intermediateCatchEvent id="bad"><timerEventDefinition><timeCycle>every hour</timeCycle></timerEventDefinition></intermediateCatchEvent>
            <serviceTask id="nowhere" />
            <businessRuleTask id="rule" ktp:rule="{oops" ktp:resultVariable="r" />
            <userTask id="typo" ktp:candidateRoles="x" />
            <exclusiveGateway id="x" />
            <endEvent id="end" />
            """ + Chain("start", "empty", "bad", "nowhere", "rule", "typo", "x") + Flow("lost", "x", "ghost") + Flow("bare", "x", "end") + Flow("c", "x", "end", "true"));

        problems.Select(p => (p.Kind, p.ElementId)).ShouldBe(
        [
            ("intermediateCatchEvent", "empty"),
            ("intermediateCatchEvent", "bad"),
            ("serviceTask", "nowhere"),
            ("businessRuleTask", "rule"),
            ("userTask", "typo"),
            ("sequenceFlow", "lost"),
            ("sequenceFlow", "bare"),
        ]);
        problems[0].Reason.ShouldContain("empty");
        problems[5].Reason.ShouldContain("\"ghost\" does not exist");
        // The timer's own fault is kept as a wording of its own, for the editor to translate.
        problems[1].Template.ShouldBe("Timer:");
        problems[1].Cause!.Template.ShouldBe("\"{0}\" is not a cycle of the form R<n>/<duration>.");
        problems[1].Cause!.Arguments.ShouldBe(["every hour"]);
        problems[1].Reason.ShouldBe("Timer: \"every hour\" is not a cycle of the form R<n>/<duration>.");
        problems[3].Cause!.Template.ShouldBe("Rule is not valid JSON (line {0}, position {1}).");
    }

    [Fact]
    public void A_process_without_a_start_event_or_not_well_formed_is_refused()
    {
        var problem = Refusal("""<endEvent id="end" />""").Single();
        (problem.Kind, problem.ElementId, problem.Reason).ShouldBe(("process", "p", "The process must have exactly one none start event; it has 0."));
        // The wording and its values apart, so that a screen can say it in the user's language.
        problem.Template.ShouldBe("The process must have exactly one none start event; it has {0}.");
        problem.Arguments.ShouldBe(["0"]);
        Should.Throw<DeploymentRefusedException>(() => BpmnDeployer.Deploy("<definitions", 1)).Problems.Single().Kind.ShouldBe("definitions");
    }

    [Fact]
    public void Start_events_with_triggers_and_event_sub_processes_are_refused()
    {
        var problems = Refusal("""
            <startEvent id="start" />
            <startEvent id="timed"><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></startEvent>
            <subProcess id="onError" triggeredByEvent="true"><startEvent id="s2" /></subProcess>
            """);

        problems.Select(p => (p.Kind, p.ElementId)).ShouldBe([("startEvent with timerEventDefinition", "timed"), ("subProcess", "onError")]);
    }

    [Fact]
    public void Conditions_belong_on_gateway_flows_and_must_be_JsonLogic()
    {
        var problems = Refusal("""
            <startEvent id="start" /><task id="t" /><exclusiveGateway id="x" default="d" /><endEvent id="end" />
            <sequenceFlow id="s" sourceRef="start" targetRef="t" />
            <sequenceFlow id="fromTask" sourceRef="t" targetRef="x"><conditionExpression>true</conditionExpression></sequenceFlow>
            <sequenceFlow id="xpath" sourceRef="x" targetRef="end"><conditionExpression language="http://www.w3.org/1999/XPath">true</conditionExpression></sequenceFlow>
            <sequenceFlow id="empty" sourceRef="x" targetRef="end"><conditionExpression /></sequenceFlow>
            <sequenceFlow id="unknownOp" sourceRef="x" targetRef="end"><conditionExpression>{"isHoliday":[]}</conditionExpression></sequenceFlow>
            <sequenceFlow id="d" sourceRef="x" targetRef="end" />
            """);

        problems.Select(p => (p.ElementId, p.Reason)).ShouldBe(
        [
            ("fromTask", "A condition on a flow leaving task \"t\" is not supported; conditions belong on flows leaving exclusive or inclusive gateways."),
            ("xpath", "The condition's language \"http://www.w3.org/1999/XPath\" is not JsonLogic."),
            ("empty", "The condition is empty."),
            ("unknownOp", "The condition \"{\"isHoliday\":[]}\" is not JsonLogic: Unknown operator \"isHoliday\" at $."),
        ]);
    }

    [Fact]
    public void References_must_point_to_elements_of_the_same_scope()
    {
        var problems = Refusal("""
            <startEvent id="start" /><userTask id="t" /><exclusiveGateway id="x" />
            <subProcess id="sub"><startEvent id="in" /><endEvent id="inEnd" /></subProcess>
            <boundaryEvent id="onGateway" attachedToRef="x"><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></boundaryEvent>
            <boundaryEvent id="softError" attachedToRef="sub" cancelActivity="false"><errorEventDefinition /></boundaryEvent>
            <boundaryEvent id="unknownError" attachedToRef="sub"><errorEventDefinition errorRef="nope" /></boundaryEvent>
            <intermediateCatchEvent id="noMessage"><messageEventDefinition messageRef="nope" /></intermediateCatchEvent>
            <userTask id="t" />
            <sequenceFlow id="across" sourceRef="t" targetRef="inEnd" />
            <sequenceFlow id="across" sourceRef="start" targetRef="t" />
            """);

        problems.Select(p => (p.Kind, p.ElementId)).ShouldBe(
        [
            ("boundaryEvent", "softError"),
            ("boundaryEvent", "unknownError"),
            ("intermediateCatchEvent", "noMessage"),
            ("userTask", "t"),
            ("sequenceFlow", "across"),
            ("sequenceFlow", "across"),
            ("boundaryEvent", "onGateway"),
        ]);
        problems[4].Reason.ShouldBe("Its target \"inEnd\" is in another (sub-)process.");
        problems[5].Reason.ShouldBe("Another element has the same id.");
    }

    [Fact]
    public void Pools_and_a_second_process_are_refused()
    {
        var problems = Refusal("""<startEvent id="start" />""", """
            <collaboration id="c"><participant id="pool" processRef="p" /></collaboration>
            <process id="other" />
            """);

        problems.Select(p => (p.Kind, p.ElementId, p.Reason)).ShouldBe(
        [
            ("collaboration", "c", "collaboration is not supported."),
            ("process", "p", "Only one process per file is supported."),
            ("process", "other", "The process must have exactly one none start event; it has 0."),
        ]);
    }

    /// <summary>Compares nodes on their own data, not on the flow lists the deployer adds.</summary>
    private sealed class NodeIgnoringFlows : IEqualityComparer<FlowNode>
    {
        public bool Equals(FlowNode? x, FlowNode? y) => x! with { Incoming = [], Outgoing = [] } == y! with { Incoming = [], Outgoing = [] };

        public int GetHashCode(FlowNode obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
