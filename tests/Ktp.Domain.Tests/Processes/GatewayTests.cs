using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;

namespace Ktp.Domain.Tests.Processes;

public class GatewayTests
{
    private static readonly ProcessDefinition ByAge = Deploy("""
        <startEvent id="start" />
        <exclusiveGateway id="age" default="f_other" />
        <userTask id="adult" /><userTask id="minor" /><userTask id="other" />
        <endEvent id="end" />
        """ + Chain("start", "age")
            + Flow("f_adult", "age", "adult", """{">=":[{"var":"customer.age"},18]}""")
            + Flow("f_minor", "age", "minor", """{"<":[{"var":"customer.age"},18]}""")
            + Flow("f_other", "age", "other") + Chain("adult", "end") + Chain("minor", "end") + Chain("other", "end"));

    [Theory]
    [InlineData(30, "adult", "f_adult")]
    [InlineData(12, "minor", "f_minor")]
    public void An_exclusive_gateway_takes_the_first_flow_whose_JsonLogic_condition_holds(int age, string task, string flow)
    {
        var run = new ProcessDriver(ByAge).Start(new { customer = new { age } });

        run.ActiveNodes.ShouldBe([task]);
        var passed = run.All<GatewayPassed>().Single();
        (passed.NodeId, passed.FlowIds.Single(), passed.MissingVariables.Count).ShouldBe(("age", flow, 0));
    }

    [Fact]
    public void A_condition_reading_a_missing_variable_reads_null_and_the_instance_records_it()
    {
        // null >= 18 and null < 18 are JsonLogic comparisons of 0: the second holds.
        var run = new ProcessDriver(ByAge).Start(new { customer = new { name = "Ivan" } });

        run.ActiveNodes.ShouldBe(["minor"]);
        run.All<GatewayPassed>().Single().MissingVariables.ShouldBe(["customer.age"]);
        run.State.MissingVariables.Single().ShouldSatisfyAllConditions(m => m.NodeId.ShouldBe("age"), m => m.Names.ShouldBe(["customer.age"]));
    }

    [Fact]
    public void The_default_flow_is_taken_when_no_condition_holds()
    {
        var run = new ProcessDriver(ByAge).Start(new { customer = new { age = "unknown" } });

        run.ActiveNodes.ShouldBe(["other"]);
    }

    [Fact]
    public void No_true_condition_and_no_default_raises_an_incident_that_a_retry_with_fixed_data_resolves()
    {
        var run = new ProcessDriver(Deploy("""
            <startEvent id="start" /><exclusiveGateway id="x" /><userTask id="yes" /><userTask id="no" />
            """ + Chain("start", "x") + Flow("f_yes", "x", "yes", """{"==":[{"var":"answer"},"yes"]}""") + Flow("f_no", "x", "no", """{"==":[{"var":"answer"},"no"]}"""))).Start();

        var incident = run.All<IncidentRaised>().Single();
        incident.NodeId.ShouldBe("x");
        incident.Reason.ShouldBe("No condition of exclusiveGateway x holds and it has no default flow. Missing variables: answer.");
        run.ActiveNodes.ShouldBe(["x"]);
        Should.Throw<ProcessException>(() => run.Do(new SkipIncident(incident.IncidentId, "anna", run.Now)));

        run.Do(new RetryIncident(incident.IncidentId, "anna", run.Now) { Variables = ProcessDriver.Vars(new { answer = "no" }) });

        run.ActiveNodes.ShouldBe(["no"]);
        run.State.Incidents.ShouldBeEmpty();
    }

    private static readonly ProcessDefinition ForkJoin = Deploy("""
        <startEvent id="start" /><parallelGateway id="fork" />
        <userTask id="cable" /><userTask id="router" /><userTask id="contract" />
        <parallelGateway id="join" /><userTask id="after" /><endEvent id="end" />
        """ + Chain("start", "fork") + Chain("fork", "cable", "join") + Chain("fork", "router", "join") + Chain("fork", "contract", "join") + Chain("join", "after", "end"));

    [Fact]
    public void A_parallel_join_waits_for_the_late_branch()
    {
        var run = new ProcessDriver(ForkJoin).Start();
        run.ActiveNodes.ShouldBe(["cable", "router", "contract"]);

        run.Complete("router").Complete("cable");
        run.ActiveNodes.ShouldBe(["contract", "join", "join"]);
        run.State.UserTasks.ShouldNotContain(t => t.NodeId == "after");

        run.Complete("contract");
        run.ActiveNodes.ShouldBe(["after"]);
        run.All<GatewayPassed>().Where(g => g.NodeId == "join").ShouldHaveSingleItem();
        run.State.CompletedNodes.Count(n => n == "join").ShouldBe(3);

        run.Complete("after").State.Status.ShouldBe(ProcessStatus.Completed);
    }

    private static readonly ProcessDefinition Options = Deploy("""
        <startEvent id="start" /><inclusiveGateway id="fork" default="f_basic" />
        <userTask id="tv" /><userTask id="phone" /><userTask id="basic" />
        <inclusiveGateway id="join" /><userTask id="after" /><endEvent id="end" />
        """ + Chain("start", "fork")
            + Flow("f_tv", "fork", "tv", """{"var":"wantsTv"}""") + Flow("f_phone", "fork", "phone", """{"var":"wantsPhone"}""") + Flow("f_basic", "fork", "basic")
            + Chain("tv", "join") + Chain("phone", "join") + Chain("basic", "join") + Chain("join", "after", "end"));

    [Fact]
    public void An_inclusive_gateway_forks_on_every_true_condition_and_joins_those_tokens()
    {
        var run = new ProcessDriver(Options).Start(new { wantsTv = true, wantsPhone = true });
        run.ActiveNodes.ShouldBe(["tv", "phone"]);
        run.All<GatewayPassed>().Single().FlowIds.ShouldBe(["f_tv", "f_phone"]);

        run.Complete("phone");
        run.ActiveNodes.ShouldBe(["tv", "join"]);

        run.Complete("tv");
        run.ActiveNodes.ShouldBe(["after"]);
    }

    [Fact]
    public void An_inclusive_join_does_not_wait_for_branches_that_were_not_taken()
    {
        var run = new ProcessDriver(Options).Start(new { wantsTv = false, wantsPhone = true });
        run.ActiveNodes.ShouldBe(["phone"]);

        run.Complete("phone");

        run.ActiveNodes.ShouldBe(["after"]);
    }

    [Fact]
    public void An_inclusive_gateway_takes_its_default_when_nothing_holds()
    {
        new ProcessDriver(Options).Start().Complete("basic").ActiveNodes.ShouldBe(["after"]);
    }

    [Fact]
    public void An_inclusive_join_is_released_when_a_branch_that_could_reach_it_ends_elsewhere()
    {
        var run = new ProcessDriver(Deploy("""
            <startEvent id="start" /><parallelGateway id="fork" />
            <userTask id="a" /><userTask id="b" /><exclusiveGateway id="keep" default="f_drop" /><endEvent id="dropped" />
            <inclusiveGateway id="join" /><userTask id="after" />
            """ + Chain("start", "fork") + Chain("fork", "a", "join") + Chain("fork", "b", "keep")
                + Flow("f_keep", "keep", "join", """{"var":"keep"}""") + Flow("f_drop", "keep", "dropped") + Chain("join", "after"))).Start();

        run.Complete("a");
        run.ActiveNodes.ShouldBe(["b", "join"]);

        run.Complete("b", new { keep = false });

        run.ActiveNodes.ShouldBe(["after"]);
    }
}
