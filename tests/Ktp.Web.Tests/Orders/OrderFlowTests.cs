using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>An order end to end on the real store and Wolverine: rules choose the tasks, people do them, a flaky system is retried.</summary>
public sealed class OrderFlowTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static readonly JsonElement Yes = JsonSerializer.SerializeToElement(true);

    private static IReadOnlyDictionary<string, JsonElement> Values(params (string Key, object Value)[] values) =>
        values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value));

    [Fact]
    public async Task Two_services_get_three_and_two_tasks_a_failing_call_is_retried_and_the_order_completes()
    {
        await using var provisioning = await new FakeProvisioning(failures: 2).StartAsync();
        var kit = await new OrderTestKit(app).CreateAsync(provisioning.Url);

        PlacedOrder placed;
        var order = new NewOrder(new OrderCustomer("Ирина Петрова", "+79001234567", null, "crm-77"),
            [new NewOrderService("internet", Values(("tariff", "Fast 500"), ("distance", 120))), new NewOrderService("equipment", Values(("model", "premium")))],
            ExternalId: "CRM-1001", Parameters: Values(("ownRouter", false)));
        using (var crm = kit.As("CRM", Privilege.OrdersManage))
            placed = await crm.ServiceProvider.GetRequiredService<OrderIntake>().PlaceAsync(order, "crm-1001");
        placed.Created.ShouldBeTrue();

        using (var crm = kit.As("CRM", Privilege.OrdersManage))
        {
            var again = await crm.ServiceProvider.GetRequiredService<OrderIntake>().PlaceAsync(order, "crm-1001");
            again.ShouldBe(placed with { Created = false }, "the same idempotency key answers with the first order");
        }

        using var executor = kit.As("Дмитрий Соколов", Privilege.OrdersWork);
        var queries = executor.ServiceProvider.GetRequiredService<OrderQueries>();
        var work = executor.ServiceProvider.GetRequiredService<OrderWork>();
        var mine = await queries.MyTasksAsync();
        mine.Where(t => t.OrderId == placed.OrderId).Select(t => t.NodeId).Order().ToArray().ShouldBe(new[] { "cable", "install", "router", "survey" },
            customMessage: "internet's rules ask for survey, cable and router at once; equipment starts with install");

        var done = new List<TaskRow>();
        for (var round = 0; round < 5; round++)
        {
            var open = (await queries.MyTasksAsync()).Where(t => t.OrderId == placed.OrderId).ToList();
            if (open.Count == 0) break;
            foreach (var task in open)
            {
                await work.CompleteTaskAsync(task.TaskId, Values(("note", "done")));
                done.Add(task);
            }
        }
        done.Where(t => t.ServiceName == "Home internet").Select(t => t.NodeId).Order().ToArray().ShouldBe(["cable", "router", "survey"]);
        done.Where(t => t.ServiceName == "Equipment installation").Select(t => t.NodeId).ToArray().ShouldBe(["install", "check"]);

        using var dispatcher = kit.As("Диспетчер", Privilege.OrdersManage);
        var view = dispatcher.ServiceProvider.GetRequiredService<OrderQueries>();
        OrderRow? row = null;
        for (var wait = DateTime.UtcNow.AddSeconds(40); DateTime.UtcNow < wait; await Task.Delay(200))
            if ((row = await view.OrderAsync(placed.OrderId))!.Status == nameof(OrderStatus.Done)) break;
        row!.Status.ShouldBe(nameof(OrderStatus.Done));
        row.FinishedAt.ShouldNotBeNull();

        provisioning.Calls.ShouldBe(3, "two failures, then the call that succeeded");
        provisioning.Bodies[0].ShouldContain("\"tariff\":\"Fast 500\"", customMessage: "the call carries the process variables");
        var call = (await view.TasksOfOrderAsync(placed.OrderId)).Single(t => t.Kind == "service");
        call.Status.ShouldBe("done");
        call.Attempts.ShouldBe(3);
        call.LastError!.ShouldContain("503");
        (await view.ServicesAsync(placed.OrderId)).Select(s => s.State).ShouldAllBe(s => s == nameof(ServiceState.Completed));

        var path = await view.PathAsync(call.ServiceId);
        path!.CompletedNodes.ShouldContain("provision");
        path.TakenFlows.ShouldNotContain("f_none", "the default flow is not taken when a task was chosen");
        path.ActiveNodes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_call_that_keeps_failing_raises_an_incident_that_a_dispatcher_retries_and_then_the_order_completes()
    {
        await using var provisioning = await new FakeProvisioning(failures: 2).StartAsync();
        var kit = await new OrderTestKit(app).CreateAsync(provisioning.Url, retries: 0);
        using var crm = kit.As("CRM2", Privilege.OrdersManage, Privilege.OrdersWork);
        var placed = await crm.ServiceProvider.GetRequiredService<OrderIntake>().PlaceAsync(new NewOrder(new OrderCustomer("Олег", null, null, null),
            [new NewOrderService("internet", Values(("tariff", "Basic"), ("distance", 10)))], Parameters: Values(("ownRouter", true))));
        var queries = crm.ServiceProvider.GetRequiredService<OrderQueries>();
        var work = crm.ServiceProvider.GetRequiredService<OrderWork>();
        foreach (var task in (await queries.TasksOfOrderAsync(placed.OrderId)).Where(t => t.Status == "open"))
            await work.CompleteTaskAsync(task.TaskId);

        IReadOnlyList<IncidentRow> incidents = [];
        for (var wait = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < wait && incidents.Count == 0; await Task.Delay(200))
            incidents = await queries.OpenIncidentsAsync(placed.OrderId);
        incidents.Count.ShouldBe(1, "no retries allowed: the first failure is an incident");
        incidents[0].Reason.ShouldContain("503");
        (await queries.OrderAsync(placed.OrderId))!.Status.ShouldBe(nameof(OrderStatus.WaitingForResources));

        await work.RetryIncidentAsync(incidents[0].IncidentId);
        for (var wait = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < wait; await Task.Delay(200))
            if ((await queries.OpenIncidentsAsync(placed.OrderId)).Count == 1 && provisioning.Calls == 2) break;
        // The second call failed too (the fake fails twice): a new incident; skipping it completes the task by hand.
        var second = (await queries.OpenIncidentsAsync(placed.OrderId)).Single();
        second.IncidentId.ShouldNotBe(incidents[0].IncidentId);
        await work.SkipIncidentAsync(second.IncidentId, Values(("line", "manual")));
        (await queries.OrderAsync(placed.OrderId))!.Status.ShouldBe(nameof(OrderStatus.Done));
        // The order is finished: a late second skip is a conflict (409 over HTTP), and changes nothing.
        await Should.ThrowAsync<Ktp.Domain.Processes.ProcessException>(() => work.SkipIncidentAsync(second.IncidentId));
    }

    [Fact]
    public async Task The_customer_gets_an_email_when_the_order_is_placed_and_when_it_is_cancelled_in_the_workspace_language()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var email = $"client-{Guid.NewGuid():N}@example.com";
        using var crm = kit.As("CRM3", Privilege.OrdersManage);
        var placed = await crm.ServiceProvider.GetRequiredService<OrderIntake>().PlaceAsync(new NewOrder(new OrderCustomer("Вера Смирнова", null, email, null),
            [new NewOrderService("equipment", Values(("model", "basic")))]));
        await crm.ServiceProvider.GetRequiredService<OrderWork>().CancelOrderAsync(placed.OrderId, "клиент уехал");

        IReadOnlyList<(string To, string Subject)> mails = [];
        for (var wait = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < wait && mails.Count < 2; await Task.Delay(200))
            mails = [.. (await app.MailAsync(kit.Tenant.TenantId)).Where(m => m.To == email)];
        mails.Select(m => m.Subject).ShouldBe([$"Заказ № {placed.Number} принят", $"Заказ № {placed.Number} отменён"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_system_that_accepts_the_call_is_polled_at_its_status_address_until_it_is_done()
    {
        await using var provisioning = await new SlowProvisioning(workingChecks: 2).StartAsync();
        var kit = await new OrderTestKit(app).CreateAsync(provisioning.Url);
        using var crm = kit.As("CRM4", Privilege.OrdersManage, Privilege.OrdersWork);
        var placed = await crm.ServiceProvider.GetRequiredService<OrderIntake>().PlaceAsync(new NewOrder(new OrderCustomer("Олег", null, null, null),
            [new NewOrderService("internet", Values(("tariff", "Basic"), ("distance", 10)))], Parameters: Values(("ownRouter", true))));
        var queries = crm.ServiceProvider.GetRequiredService<OrderQueries>();
        foreach (var task in (await queries.TasksOfOrderAsync(placed.OrderId)).Where(t => t.Status == "open"))
            await crm.ServiceProvider.GetRequiredService<OrderWork>().CompleteTaskAsync(task.TaskId);

        for (var wait = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < wait; await Task.Delay(200))
            if ((await queries.OrderAsync(placed.OrderId))!.Status == nameof(OrderStatus.Done)) break;
        (await queries.OrderAsync(placed.OrderId))!.Status.ShouldBe(nameof(OrderStatus.Done));
        provisioning.Checks.ShouldBe(3, "two \"working\" answers, then done");
        var service = (await queries.ServicesAsync(placed.OrderId)).Single();
        await using var uow = await app.Services.GetRequiredService<Ktp.Infrastructure.Database.KtpDatabase>().BeginTenantAsync(kit.Tenant.TenantId);
        var (state, _) = await app.Services.GetRequiredService<ServiceStream>().LoadAsync(uow, service.ServiceId);
        state.Process.Variables["line"].GetString().ShouldBe("L-42", "the status address's output became a process variable");
        (await queries.TasksOfOrderAsync(placed.OrderId)).Single(t => t.Kind == "service").Attempts.ShouldBe(1, "polling is not retrying");
    }
}
