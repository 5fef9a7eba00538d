using System.Text.Json.Nodes;
using Ktp.Domain.Orders;
using Ktp.Domain.Processes;

namespace Ktp.Domain.Tests.Orders;

/// <summary>Tasks people do: who may take, give, complete and return them; and which tasks the catalogue's rules choose.</summary>
public sealed class ServiceWorkTests
{
    private static readonly ProcessDefinition Definition = Processes.Bpmn.Deploy("""
        <startEvent id="start" /><userTask id="a" name="A" /><endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="end" />
        """);

    private static readonly TaskActor Anna = new(Guid.NewGuid(), "Анна", Dispatcher: false);
    private static readonly TaskActor Boris = new(Guid.NewGuid(), "Борис", Dispatcher: false);
    private static readonly TaskActor Dispatcher = new(Guid.NewGuid(), "Диспетчер", Dispatcher: true);

    private static (ServiceWork Work, string TaskId) Started()
    {
        var work = new ServiceWork();
        foreach (var e in ServiceDecisions.Decide(work, new RunProcess(Definition, new StartProcess("s1", ProcessVariables.None, DateTimeOffset.UtcNow)))) work.Apply(e);
        return (work, work.Process.UserTasks.Single().TaskId);
    }

    private static void Run(ServiceWork work, ServiceCommand command)
    {
        foreach (var e in ServiceDecisions.Decide(work, command)) work.Apply(e);
    }

    [Fact]
    public void A_person_takes_a_free_task_but_only_a_dispatcher_gives_it_away_or_takes_it_from_someone()
    {
        var (work, task) = Started();
        Run(work, new AssignTask(task, Anna.UserId, Anna.Name, Anna, DateTimeOffset.UtcNow));
        work.Assignees[task].UserId.ShouldBe(Anna.UserId);
        Should.Throw<ProcessException>(() => ServiceDecisions.Decide(work, new AssignTask(task, Boris.UserId, Boris.Name, Boris, DateTimeOffset.UtcNow)));
        Should.Throw<ProcessException>(() => ServiceDecisions.Decide(work, new CompleteTask(Definition, task, ProcessVariables.None, Boris, DateTimeOffset.UtcNow)));
        Run(work, new AssignTask(task, Boris.UserId, Boris.Name, Dispatcher, DateTimeOffset.UtcNow));
        work.Assignees[task].Name.ShouldBe("Борис");
    }

    [Fact]
    public void Completing_a_free_task_makes_it_the_completers_and_a_done_task_cannot_be_done_again()
    {
        var (work, task) = Started();
        var events = ServiceDecisions.Decide(work, new CompleteTask(Definition, task, ProcessVariables.None, Anna, DateTimeOffset.UtcNow));
        events[0].ShouldBeOfType<TaskAssigned>().UserId.ShouldBe(Anna.UserId);
        foreach (var e in events) work.Apply(e);
        work.Process.Status.ShouldBe(ProcessStatus.Completed);
        Should.Throw<ProcessException>(() => ServiceDecisions.Decide(work, new CompleteTask(Definition, task, ProcessVariables.None, Anna, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void A_returned_task_needs_a_comment_and_is_nobodys_again()
    {
        var (work, task) = Started();
        Run(work, new AssignTask(task, Anna.UserId, Anna.Name, Anna, DateTimeOffset.UtcNow));
        Should.Throw<Common.ValidationFailedException>(() => ServiceDecisions.Decide(work, new ReturnTask(task, "", Anna, DateTimeOffset.UtcNow)));
        Run(work, new ReturnTask(task, "no access to the building", Anna, DateTimeOffset.UtcNow));
        work.Assignees.ContainsKey(task).ShouldBeFalse();
    }

    [Fact]
    public void The_rules_choose_the_tasks_from_order_service_and_customer_data()
    {
        var service = new CatalogueService("internet", "Internet", "p", [],
        [
            new TaskRule("survey", "Survey"),
            new TaskRule("cable", "Cable", """{">":[{"var":"service.distance"},50]}"""),
            new TaskRule("router", "Router", """{"!":{"var":"order.ownRouter"}}"""),
            new TaskRule("vip_call", "Call", """{"==":[{"var":"customer.vip"},true]}"""),
        ]);
        var data = JsonNode.Parse("""{"order":{"ownRouter":true},"service":{"distance":120},"customer":{"name":"A"}}""")!.AsObject();
        TaskGeneration.TasksFor(service, data).Select(t => t.Code).ShouldBe(["survey", "cable"]);
    }

    [Fact]
    public void A_catalogue_service_with_bad_codes_or_rules_is_refused_naming_each_field()
    {
        var bad = new CatalogueService("Internet!", "", "", [new ServiceParameter("a", "A", ParameterType.Text), new ServiceParameter("a", "A2", ParameterType.Number)],
            [new TaskRule("t", "T", "{not json")]);
        var errors = Should.Throw<Common.ValidationFailedException>(bad.Validate).Errors;
        errors.Keys.ShouldBe(["code", "name", "processKey", "parameters", "taskRules.t"], ignoreOrder: true);
    }

    [Fact]
    public void A_task_form_is_read_from_the_diagram_and_odd_fields_are_left_out()
    {
        TaskForm.Parse("serial:text:Serial number; works:flag:It works;length:number; Bad Code:text:x").ShouldBe(
        [
            new TaskFormField("serial", ParameterType.Text, "Serial number"),
            new TaskFormField("works", ParameterType.Flag, "It works"),
            new TaskFormField("length", ParameterType.Number, "length"),
        ]);
        TaskForm.Parse(null).ShouldBeEmpty();
    }

    [Fact]
    public void Customer_notices_speak_the_workspace_language()
    {
        OrderNotices.For(OrderMilestone.Cancelled, "ru", 12, "Вера", "Демо", "клиент уехал").Subject.ShouldBe("Заказ № 12 отменён");
        OrderNotices.For(OrderMilestone.Cancelled, "ru", 12, "Вера", "Демо", "клиент уехал").Body.ShouldContain("Причина: клиент уехал");
        OrderNotices.For(OrderMilestone.Done, "en", 12, "Vera", "Demo", null).Subject.ShouldBe("Order 12 is done");
    }
}
