using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;
using static Ktp.Domain.Tests.Processes.ProcessDriver;

namespace Ktp.Domain.Tests.Processes;

public class TaskTests
{
    [Fact]
    public void Starting_records_key_version_and_variables_and_a_user_task_waits_for_a_person()
    {
        var run = new ProcessDriver(Deploy("""
            <startEvent id="start" />
            <userTask id="check" name="Check" ktp:candidateRole="dispatcher" ktp:queue="orders" ktp:due="PT4H" ktp:form="order-check" />
            <endEvent id="end" />
            """ + Chain("start", "check", "end"), version: 2)).Start(new { orderNo = "A-17" });

        run.Last.ShouldBe(
        [
            new InstanceStarted("i1", "p", 2, run.State.Variables, T0),
            new TokenEntered("i1#1", "start", null, null, T0),
            new NodeCompleted("i1#1", "start", T0),
            new TokenEntered("i1#2", "check", null, "f_start_check", T0),
            new UserTaskCreated("i1#2", "check", "Check", "dispatcher", "orders", T0.AddHours(4), "order-check", T0),
        ], ignoreOrder: false, comparer: EventComparer.Instance);
        run.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ProcessStatus.Running),
            s => (s.DefinitionKey, s.DefinitionVersion).ShouldBe(("p", 2)),
            s => s.Variables["orderNo"].GetString().ShouldBe("A-17"),
            s => s.UserTasks.Single().TaskId.ShouldBe("i1#2"));

        run.Now = T0.AddHours(1);
        run.Complete("check", new { approved = true });

        run.Last.ShouldBe(
        [
            new UserTaskCompleted("i1#2", run.State.Variables.Where(v => v.Key == "approved").ToDictionary(), T0.AddHours(1)),
            new NodeCompleted("i1#2", "check", T0.AddHours(1)),
            new TokenEntered("i1#3", "end", null, "f_check_end", T0.AddHours(1)),
            new NodeCompleted("i1#3", "end", T0.AddHours(1)),
            new InstanceCompleted(T0.AddHours(1)),
        ], ignoreOrder: false, comparer: EventComparer.Instance);
        run.State.Variables["approved"].GetBoolean().ShouldBeTrue();
        run.State.CompletedNodes.ShouldBe(["start", "check", "end"]);
        run.State.TakenFlows.ShouldBe(["f_start_check", "f_check_end"]);
        run.State.Status.ShouldBe(ProcessStatus.Completed);
    }

    [Fact]
    public void An_abstract_task_passes_straight_through()
    {
        var run = new ProcessDriver(Deploy("""<startEvent id="start" /><task id="note" /><endEvent id="end" />""" + Chain("start", "note", "end"))).Start();

        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.CompletedNodes.ShouldBe(["start", "note", "end"]);
    }

    [Fact]
    public void A_business_rule_task_stores_the_rule_result_and_records_missing_variables()
    {
        var definition = Deploy("""
            <startEvent id="start" />
            <businessRuleTask id="tariff" ktp:rule='{"if":[{">=":[{"var":"lines"},3]},"business",{"var":"fallback"}]}' ktp:resultVariable="tariff" />
            <userTask id="look" /><endEvent id="end" />
            """ + Chain("start", "tariff", "look", "end"));

        new ProcessDriver(definition).Start(new { lines = 5 }).State.Variables["tariff"].GetString().ShouldBe("business");

        var run = new ProcessDriver(definition).Start(new { lines = 1 });
        run.All<BusinessRuleEvaluated>().Single().MissingVariables.ShouldBe(["fallback"]);
        run.State.Variables["tariff"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        run.State.MissingVariables.ShouldBe([new MissingVariablesRead("tariff", ["fallback"])], EventComparer.ForRecords<MissingVariablesRead>());
    }

    private static readonly string ServiceDiagram = """
        <startEvent id="start" />
        <serviceTask id="provision" ktp:endpoint="https://provisioning.local/lines" ktp:retries="2" />
        <endEvent id="end" />
        """ + Chain("start", "provision", "end");

    [Fact]
    public void A_service_task_that_fails_twice_then_succeeds_shows_each_attempt()
    {
        var run = new ProcessDriver(Deploy(ServiceDiagram)).Start(new { line = 7 });
        run.Last.OfType<ServiceCallRequested>().Single().ShouldSatisfyAllConditions(
            c => (c.TaskId, c.Endpoint, c.Attempt).ShouldBe(("i1#2", "https://provisioning.local/lines", 1)),
            c => c.Variables["line"].GetInt32().ShouldBe(7));

        run.Fail("provision").Fail("provision").Succeed("provision", new { lineId = "L-1" });

        run.All<ServiceCallRequested>().Select(c => c.Attempt).ShouldBe([1, 2, 3]);
        run.All<ServiceCallFailed>().Select(c => c.Attempt).ShouldBe([1, 2]);
        run.All<ServiceCallSucceeded>().Single().Attempt.ShouldBe(3);
        run.All<IncidentRaised>().ShouldBeEmpty();
        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.Variables["lineId"].GetString().ShouldBe("L-1");
    }

    [Fact]
    public void Failing_past_the_retries_raises_an_incident_that_a_person_retries()
    {
        var run = new ProcessDriver(Deploy(ServiceDiagram)).Start().Fail("provision").Fail("provision").Fail("provision", "timeout");

        var incident = run.Last.OfType<IncidentRaised>().Single();
        (incident.IncidentId, incident.NodeId).ShouldBe(("i1#3", "provision"));
        incident.Reason.ShouldContain("failed 3 times");
        incident.Reason.ShouldContain("timeout");
        run.State.Incidents.Single().IncidentId.ShouldBe("i1#3");
        run.CallAt("provision").Awaiting.ShouldBeFalse();
        Should.Throw<ProcessException>(() => run.Succeed("provision")).Message.ShouldContain("incident");

        run.Do(new RetryIncident(incident.IncidentId, "anna", run.Now));
        run.Last.OfType<ServiceCallRequested>().Single().Attempt.ShouldBe(4);
        run.State.Incidents.ShouldBeEmpty();
        run.Succeed("provision");
        run.State.Status.ShouldBe(ProcessStatus.Completed);
    }

    [Fact]
    public void An_incident_can_be_skipped_with_the_output_the_call_would_have_given()
    {
        var run = new ProcessDriver(Deploy(ServiceDiagram)).Start().Fail("provision").Fail("provision").Fail("provision");
        var incident = run.State.Incidents.Single();

        run.Do(new SkipIncident(incident.IncidentId, "anna", run.Now) { Output = Vars(new { lineId = "manual" }) });

        run.Last[0].ShouldBeOfType<IncidentSkipped>().By.ShouldBe("anna");
        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.Variables["lineId"].GetString().ShouldBe("manual");
        Should.Throw<ProcessException>(() => run.Do(new RetryIncident(incident.IncidentId, "anna", run.Now)));
    }

    [Fact]
    public void Results_for_unknown_tasks_or_a_stale_attempt_are_refused_and_change_nothing()
    {
        var run = new ProcessDriver(Deploy(ServiceDiagram)).Start();
        var version = run.State.Version;

        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new ReportServiceSuccess("i1#99", 1, Vars(null), run.Now)));
        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new CompleteUserTask("i1#2", Vars(null), run.Now)));
        Should.Throw<ProcessException>(() => run.Do(new ReportServiceFailure("i1#2", 2, "late", run.Now))).Message.ShouldContain("attempt 1");
        run.State.Version.ShouldBe(version);
    }
}
