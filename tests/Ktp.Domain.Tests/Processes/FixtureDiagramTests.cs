using Ktp.Domain.Processes;
using Ktp.Domain.Tests.Rules;
using static Ktp.Domain.Tests.Processes.ProcessDriver;

namespace Ktp.Domain.Tests.Processes;

/// <summary>
/// Every diagram of tests/fixtures/bpmn (drawn by public projects, copied unchanged; see SOURCES.md there):
/// each one either runs to its end or is refused with exactly these elements.
/// </summary>
public class FixtureDiagramTests
{
    private static readonly string[] Covered =
    [
        "bpmn-engine.timer-event.bpmn",
        "camunda-examples.customer-age-json-variables.bpmn",
        "camunda-examples.invokeRestService.bpmn",
        "camunda-examples.job-announcement-publication.bpmn",
        "miwg.A.2.1.bpmn",
        "token-simulation.parallel-gateway.bpmn",
        "token-simulation.simple-exclusive-timer.bpmn",
    ];

    private static string Read(string file) => File.ReadAllText(TestFixtures.PathTo("fixtures", "bpmn", file));

    private static ProcessDefinition Deploy(string file) => BpmnDeployer.Deploy(Read(file), 1);

    private static IEnumerable<(string Kind, string Id)> Refusal(string file) =>
        Should.Throw<DeploymentRefusedException>(() => Deploy(file)).Problems.Select(p => (p.Kind, p.ElementId));

    [Fact]
    public void Every_fixture_file_has_a_test_here()
    {
        Directory.GetFiles(TestFixtures.PathTo("fixtures", "bpmn")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(Covered);
    }

    [Fact]
    public void Bpmn_engine_timer_event_runs_through_its_timer_to_the_end()
    {
        var run = new ProcessDriver(Deploy("bpmn-engine.timer-event.bpmn")).Start();
        run.Definition.Key.ShouldBe("timerProcess");
        run.ActiveNodes.ShouldBe(["duration"]);
        run.State.Timers.Single().DueAt.ShouldBe(T0.AddMilliseconds(50));

        run.Fire("duration");

        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.CompletedNodes.ShouldBe(["start", "task1", "duration", "task2", "end"]);
        run.State.TakenFlows.ShouldBe(["SequenceFlow_0evszjw", "SequenceFlow_01f3n3g", "SequenceFlow_02raz3t", "SequenceFlow_1au7566"]);
    }

    [Fact]
    public void Token_simulation_parallel_gateway_forks_three_ways_and_joins_ignoring_its_text_annotations()
    {
        var run = new ProcessDriver(Deploy("token-simulation.parallel-gateway.bpmn")).Start();

        run.State.Status.ShouldBe(ProcessStatus.Completed);
        run.State.CompletedNodes.ShouldBe(["START", "F_GATE", "J_GATE", "J_GATE", "J_GATE", "END"]);
        run.State.TakenFlows.ShouldBe(["Flow_2", "Flow_3", "Flow_4", "Flow_5", "Flow_1"]);
        run.All<GatewayPassed>().Select(g => (g.NodeId, g.FlowIds.Count)).ShouldBe([("F_GATE", 3), ("J_GATE", 1)]);
    }

    [Fact]
    public void Token_simulation_simple_is_refused_for_its_empty_timer_and_its_unconditioned_exclusive_flows()
    {
        Refusal("token-simulation.simple-exclusive-timer.bpmn").ShouldBe(
        [
            ("intermediateCatchEvent", "IntermediateCatchEvent_1"),
            ("sequenceFlow", "SequenceFlow_2"),
            ("sequenceFlow", "SequenceFlow_4"),
            ("sequenceFlow", "SequenceFlow_6"),
        ]);
    }

    [Fact]
    public void Camunda_invoke_rest_service_is_refused_for_its_connector_service_task_and_JUEL_conditions()
    {
        Refusal("camunda-examples.invokeRestService.bpmn").ShouldBe(
        [
            ("serviceTask", "ServiceTask_1"),
            ("sequenceFlow", "SequenceFlow_3"),
            ("sequenceFlow", "SequenceFlow_4"),
        ]);
    }

    [Fact]
    public void Camunda_customer_age_is_refused_for_its_java_service_task_and_Spin_conditions_while_camunda_attributes_are_ignored()
    {
        Refusal("camunda-examples.customer-age-json-variables.bpmn").ShouldBe(
        [
            ("serviceTask", "Task_0n2pfas"),
            ("sequenceFlow", "SequenceFlow_4"),
            ("sequenceFlow", "SequenceFlow_5"),
        ]);
    }

    [Fact]
    public void Camunda_job_announcement_is_refused_for_three_expression_service_tasks_and_four_JUEL_conditions()
    {
        Refusal("camunda-examples.job-announcement-publication.bpmn").ShouldBe(
        [
            ("serviceTask", "publish_announcement_website"),
            ("serviceTask", "publish_announcement_twitter"),
            ("serviceTask", "publish_announcement_facebook"),
            ("sequenceFlow", "Flow_0zn9zem"),
            ("sequenceFlow", "Flow_0cpvktx"),
            ("sequenceFlow", "Flow_0jly80u"),
            ("sequenceFlow", "Flow_1oretgu"),
        ]);
    }

    [Fact]
    public void Miwg_A_2_1_is_refused_as_not_executable_with_data_conditional_flows_on_tasks_and_empty_XPath_conditions()
    {
        Refusal("miwg.A.2.1.bpmn").ShouldBe(
        [
            ("process", "_To9ZoTOCEeSknpIVFCxNIQ"),
            ("ioSpecification", "_cVGqYDOCEeSknpIVFCxNIQ"),
            ("task", "_To9ZtjOCEeSknpIVFCxNIQ"),
            ("task", "_To9ZzzOCEeSknpIVFCxNIQ"),
            ("sequenceFlow", "_To9Z7TOCEeSknpIVFCxNIQ"),
            ("sequenceFlow", "_To9Z8zOCEeSknpIVFCxNIQ"),
            ("sequenceFlow", "_To9Z9jOCEeSknpIVFCxNIQ"),
            ("sequenceFlow", "_To9Z-TOCEeSknpIVFCxNIQ"),
            ("sequenceFlow", "_To9Z_DOCEeSknpIVFCxNIQ"),
        ]);
    }
}
