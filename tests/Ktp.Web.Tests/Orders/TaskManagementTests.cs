using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>Task management finds tasks by state, kind, person and order, on the real store.</summary>
public sealed class TaskManagementTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static IReadOnlyDictionary<string, JsonElement> Values(params (string Key, object Value)[] values) =>
        values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value));

    [Fact]
    public async Task Tasks_are_found_by_state_kind_person_and_order_and_a_stuck_call_shows_among_the_stuck()
    {
        await using var provisioning = await new FakeProvisioning(failures: 1000).StartAsync();
        var kit = await new OrderTestKit(app).CreateAsync(provisioning.Url, retries: 0);
        using var manager = kit.As("Руководитель заданий", Privilege.OrdersManage, Privilege.OrdersWork);
        var intake = manager.ServiceProvider.GetRequiredService<OrderIntake>();
        var internet = await intake.PlaceAsync(new NewOrder(new OrderCustomer("Анна Белова", null, null, null),
            [new NewOrderService("internet", Values(("tariff", "Basic"), ("distance", 10)))], Parameters: Values(("ownRouter", true))));
        var equipment = await intake.PlaceAsync(new NewOrder(new OrderCustomer("Борис Белов", null, null, null),
            [new NewOrderService("equipment", Values(("model", "basic")))]));
        var queries = manager.ServiceProvider.GetRequiredService<OrderQueries>();
        var work = manager.ServiceProvider.GetRequiredService<OrderWork>();

        Task<IReadOnlyList<TaskRow>> Find(TaskFilter filter) => queries.TasksAsync(filter);
        (await Find(new() { Search = internet.Number.ToString() })).Select(t => t.NodeId).ToArray().ShouldBe(["survey"], customMessage: "only the survey: short cable, own router");
        (await Find(new() { Search = "Белов" })).Select(t => t.NodeId).Order().ToArray().ShouldBe(["install", "survey"], customMessage: "the customer's name finds both orders");
        (await Find(new() { Search = "Install the equipment" })).ShouldAllBe(t => t.OrderId == equipment.OrderId);

        using (var executor = kit.As("Вера Монтажник", Privilege.OrdersWork))
        {
            var install = (await Find(new() { Search = equipment.Number.ToString() })).Single();
            await executor.ServiceProvider.GetRequiredService<OrderWork>().TakeTaskAsync(install.TaskId);
        }
        var vera = OrderTestKit.StableId("Вера Монтажник");
        (await Find(new() { AssigneeId = vera })).Select(t => t.NodeId).ToArray().ShouldBe(["install"]);
        (await Find(new() { UnassignedOnly = true, Search = "Белов" })).Select(t => t.NodeId).ToArray().ShouldBe(["survey"]);

        // The survey is done; the provisioning call fails at once (no retries) and stops in an incident.
        var survey = (await Find(new() { Search = internet.Number.ToString() })).Single();
        await work.CompleteTaskAsync(survey.TaskId);
        IReadOnlyList<TaskRow> stuck = [];
        for (var wait = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < wait && stuck.Count == 0; await Task.Delay(200))
            stuck = await Find(new() { State = TaskState.Stuck, Search = internet.Number.ToString() });
        stuck.Single().NodeId.ShouldBe("provision");
        stuck.Single().Status.ShouldBe("incident");
        (await Find(new() { State = TaskState.Open, Kind = "user", Search = "Белов" })).Select(t => t.NodeId).ToArray().ShouldBe(["install"], customMessage: "people's tasks only");
        (await Find(new() { State = TaskState.Open, Kind = "service", Search = "Белов" })).Select(t => t.NodeId).ToArray().ShouldBe(["provision"], customMessage: "a stuck call is open work");
        (await Find(new() { State = TaskState.Done, Search = "Белов" })).Select(t => t.NodeId).ToArray().ShouldBe(["survey"]);
        (await Find(new() { State = TaskState.Overdue, Search = "Белов" })).ShouldBeEmpty("nothing is past its due time");
        (await Find(new() { State = TaskState.All, Search = "Белов" })).Count.ShouldBe(3);
        (await queries.OpenIncidentsAsync(internet.OrderId)).Single().TaskId.ShouldBe(stuck.Single().TaskId, "the page offers the incident's retry on the task's row");
    }

    [Fact]
    public async Task Only_people_who_manage_orders_see_task_management()
    {
        var kit = await new OrderTestKit(app).UseDemoAsync();
        using var executor = kit.As("Только исполнитель", Privilege.OrdersWork);
        await Should.ThrowAsync<Ktp.Domain.Common.ForbiddenException>(() => executor.ServiceProvider.GetRequiredService<OrderQueries>().TasksAsync(new TaskFilter()));
    }
}
