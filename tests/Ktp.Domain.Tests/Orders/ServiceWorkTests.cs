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

    private static void Run(TaskWork task, TaskCommand command)
    {
        foreach (var e in TaskDecisions.Decide(task, command)) task.Apply(e);
    }

    [Fact]
    public void A_person_takes_a_free_task_but_only_a_dispatcher_gives_it_away_or_takes_it_from_someone()
    {
        var (work, id) = Started();
        var open = work.OpenTask(id);
        var task = new TaskWork();
        Run(task, new AssignTask(id, open, Anna.UserId, Anna.Name, Anna, DateTimeOffset.UtcNow));
        task.Assignee!.UserId.ShouldBe(Anna.UserId);
        Should.Throw<ProcessException>(() => TaskDecisions.Decide(task, new AssignTask(id, open, Boris.UserId, Boris.Name, Boris, DateTimeOffset.UtcNow)));
        Should.Throw<ProcessException>(() => TaskDecisions.Decide(task, new CompleteTask(id, open, Boris, DateTimeOffset.UtcNow)));
        Run(task, new AssignTask(id, open, Boris.UserId, Boris.Name, Dispatcher, DateTimeOffset.UtcNow));
        task.Assignee!.Name.ShouldBe("Борис");
        TaskDecisions.Decide(task, new AssignTask(id, open, Boris.UserId, Boris.Name, Dispatcher, DateTimeOffset.UtcNow)).ShouldBeEmpty("giving it to whoever has it changes nothing");
    }

    [Fact]
    public void Completing_a_free_task_makes_it_the_completers_and_a_done_task_cannot_be_done_again()
    {
        var (work, id) = Started();
        var task = new TaskWork();
        var events = TaskDecisions.Decide(task, new CompleteTask(id, work.OpenTask(id), Anna, DateTimeOffset.UtcNow));
        events[0].ShouldBeOfType<TaskAssigned>().UserId.ShouldBe(Anna.UserId);
        events[1].ShouldBeOfType<TaskDone>().By.ShouldBe("Анна");
        foreach (var e in events) task.Apply(e);
        Should.Throw<ProcessItemNotFoundException>(() => TaskDecisions.Decide(task, new CompleteTask(id, work.OpenTask(id), Anna, DateTimeOffset.UtcNow)),
            "its stream says it was done");

        foreach (var e in ServiceDecisions.Decide(work, new RunProcess(Definition, new CompleteUserTask(id, ProcessVariables.None, DateTimeOffset.UtcNow)))) work.Apply(e);
        work.Process.Status.ShouldBe(ProcessStatus.Completed);
        Should.Throw<ProcessItemNotFoundException>(() => TaskDecisions.Decide(new TaskWork(), new AssignTask(id, Open: null, Anna.UserId, Anna.Name, Anna, DateTimeOffset.UtcNow)),
            "the process has no such open task");
    }

    [Fact]
    public void A_returned_task_needs_a_comment_and_is_nobodys_again()
    {
        var (work, id) = Started();
        var open = work.OpenTask(id);
        var task = new TaskWork();
        Run(task, new AssignTask(id, open, Anna.UserId, Anna.Name, Anna, DateTimeOffset.UtcNow));
        Should.Throw<Common.ValidationFailedException>(() => TaskDecisions.Decide(task, new ReturnTask(id, open, "", Anna, DateTimeOffset.UtcNow)));
        Should.Throw<ProcessException>(() => TaskDecisions.Decide(task, new ReturnTask(id, open, "not mine", Boris, DateTimeOffset.UtcNow)));
        Run(task, new ReturnTask(id, open, "no access to the building", Anna, DateTimeOffset.UtcNow));
        task.Assignee.ShouldBeNull();
    }

    [Fact]
    public void A_task_assigned_before_tasks_had_streams_keeps_its_person()
    {
        var (work, id) = Started();
        work.Apply(new TaskAssigned(id, Anna.UserId, Anna.Name, "Диспетчер", DateTimeOffset.UtcNow)); // as recorded in the service's stream
        var task = TaskWork.From([], work.Assignees.GetValueOrDefault(id));
        Should.Throw<ProcessException>(() => TaskDecisions.Decide(task, new CompleteTask(id, work.OpenTask(id), Boris, DateTimeOffset.UtcNow)));
        TaskDecisions.Decide(task, new CompleteTask(id, work.OpenTask(id), Anna, DateTimeOffset.UtcNow)).Single().ShouldBeOfType<TaskDone>();
    }

    [Fact]
    public void Each_task_of_each_service_has_its_own_stream_id_the_same_on_every_node()
    {
        var service = Guid.NewGuid();
        TaskWork.StreamId(service, "t1").ShouldBe(TaskWork.StreamId(service, "t1"));
        TaskWork.StreamId(service, "t1").ShouldNotBe(TaskWork.StreamId(service, "t2"));
        TaskWork.StreamId(service, "t1").ShouldNotBe(TaskWork.StreamId(Guid.NewGuid(), "t1"));
        TaskWork.StreamId(service, "t1").ShouldNotBe(service);
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
