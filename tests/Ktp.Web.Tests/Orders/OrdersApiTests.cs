using System.Text.Json;
using Alba;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>Orders over HTTP as a CRM places them: idempotent, checked at the edge, and refusing what does not fit with a clear 4xx.</summary>
public sealed class OrdersApiTests(KtpHost app) : IClassFixture<KtpHost>
{
    private const string InternetOrder = """
        {"customer":{"name":"Ирина","phone":"+79001112233"},"externalId":"CRM-77","parameters":{"ownRouter":true},
         "services":[{"code":"internet","parameters":{"tariff":"Fast","distance":10}}]}
        """;

    private Task<IScenarioResult> PostAsync(string key, string url, string json, int status, string? idempotencyKey = null) => app.Host.CallAsync(key, s =>
    {
        s.PostRawJson(url, json);
        if (idempotencyKey is not null) s.WithRequestHeader("Idempotency-Key", idempotencyKey);
    }, status);

    private async Task<PlacedOrder> PlaceAsync(string key) =>
        (await (await PostAsync(key, "/t/demo/api/v1/orders", InternetOrder, 201)).ReadAsJsonAsync<PlacedOrder>())!;

    private async Task<JsonElement> DetailsAsync(string key, Guid orderId) =>
        await (await app.Host.CallAsync(key, s => s.Get.Url($"/t/demo/api/v1/orders/{orderId}"), 200)).ReadJsonElementAsync();

    [Fact]
    public async Task A_repeated_idempotency_key_answers_with_the_first_order_and_creates_no_second()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyAsync(kit.Tenant, Privilege.OrdersManage);
        var externalId = "CRM-" + Guid.NewGuid().ToString("N")[..8];
        var order = InternetOrder.Replace("CRM-77", externalId, StringComparison.Ordinal);
        var created = await PostAsync(crm, "/t/demo/api/v1/orders", order, 201, idempotencyKey: "crm-77");
        var placed = (await created.ReadAsJsonAsync<PlacedOrder>())!;

        var repeated = await PostAsync(crm, "/t/demo/api/v1/orders", order, 200, idempotencyKey: "crm-77");
        (await repeated.ReadAsJsonAsync<PlacedOrder>())!.OrderId.ShouldBe(placed.OrderId);

        var details = await DetailsAsync(crm, placed.OrderId);
        details.GetProperty("order").GetProperty("externalId").GetString().ShouldBe(externalId);
        details.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()).ShouldBe(["survey"], "10 m and their own router: a survey only");
        using var scope = kit.As("Проверка", Privilege.OrdersManage);
        (await scope.ServiceProvider.GetRequiredService<OrderQueries>().OrdersAsync(null, externalId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_orders_are_refused_with_the_fields_named_and_nothing_written()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyAsync(kit.Tenant, Privilege.OrdersManage);
        async Task<JsonElement> RefusedAsync(string json) =>
            (await (await PostAsync(crm, "/t/demo/api/v1/orders", json, 400)).ReadJsonElementAsync()).GetProperty("errors");

        (await RefusedAsync("""{"customer":{"name":"Ира"},"services":[{"code":"teleport"}]}""")).TryGetProperty("services[0].code", out _).ShouldBeTrue();
        var errors = await RefusedAsync("""{"customer":{"name":"Ира"},"services":[{"code":"internet","parameters":{"distance":"far","color":"red"}}]}""");
        errors.TryGetProperty("services[0].parameters.tariff", out _).ShouldBeTrue("required");
        errors.TryGetProperty("services[0].parameters.distance", out _).ShouldBeTrue("not a number");
        errors.TryGetProperty("services[0].parameters.color", out _).ShouldBeTrue("unknown");
        (await RefusedAsync("""{"customer":{"name":"Ира"},"services":[]}""")).TryGetProperty("services", out _).ShouldBeTrue();
        await PostAsync(crm, "/t/demo/api/v1/orders", """{"customer":{"name":"Ира"},"services":[{"code":"internet",}]}""", 400);

        using var scope = kit.As("Проверка", Privilege.OrdersManage);
        (await scope.ServiceProvider.GetRequiredService<OrderQueries>().OrdersAsync(null, "Ира")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Callbacks_and_completions_for_unknown_or_finished_tasks_answer_404_or_409_and_a_key_without_the_privilege_403()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyAsync(kit.Tenant, Privilege.OrdersManage, Privilege.OrdersWork);
        var placed = await PlaceAsync(crm);
        var survey = (await DetailsAsync(crm, placed.OrderId)).GetProperty("tasks")[0].GetProperty("taskId").GetString()!;

        await PostAsync(crm, "/t/demo/api/v1/service-tasks/nope%231/result", """{"attempt":1,"succeeded":true}""", 404);
        await PostAsync(crm, "/t/demo/api/v1/tasks/nope%231/complete", "{}", 404);
        // a user task is not a service call
        await PostAsync(crm, $"/t/demo/api/v1/service-tasks/{Uri.EscapeDataString(survey)}/result", """{"attempt":1,"succeeded":true}""", 404);

        await PostAsync(crm, $"/t/demo/api/v1/tasks/{Uri.EscapeDataString(survey)}/complete", "{}", 204);
        // done already: it is not open any more
        await PostAsync(crm, $"/t/demo/api/v1/tasks/{Uri.EscapeDataString(survey)}/complete", "{}", 404);

        await PostAsync(crm, $"/t/demo/api/v1/orders/{placed.OrderId}/cancel", """{"reason":"changed their mind"}""", 202);
        await PostAsync(crm, $"/t/demo/api/v1/orders/{placed.OrderId}/cancel", """{"reason":"again"}""", 409);

        var reader = await app.ApiKeyAsync(kit.Tenant, Privilege.InquiriesWork);
        await PostAsync(reader, "/t/demo/api/v1/orders", InternetOrder, 403);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_the_orders()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyAsync(kit.Tenant, Privilege.OrdersManage);
        var placed = await PlaceAsync(crm);

        using var scope = app.Services.CreateScope();
        var platform = (await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("platform"))!;
        await using var uow = await app.Services.GetRequiredService<Ktp.Infrastructure.Database.KtpDatabase>().BeginTenantAsync(platform.TenantId);
        foreach (var table in new[] { "orders", "order_services", "process_tasks", "catalogue_services", "process_definitions" })
            (await Ktp.Infrastructure.Database.UnitOfWorkQueries.ExecuteScalarAsync<long>(uow, $"SELECT count(*) FROM {table}")).ShouldBe(0, table);
        (await Ktp.Infrastructure.Database.UnitOfWorkQueries.ExecuteScalarAsync<long>(uow, "SELECT count(*) FROM orders WHERE order_id = @id", new { id = placed.OrderId })).ShouldBe(0);
    }

    [Fact]
    public async Task An_open_order_is_changed_a_service_added_starts_its_process_a_withdrawn_one_is_cancelled_with_its_tasks()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyAsync(kit.Tenant, Privilege.OrdersManage);
        var placed = await PlaceAsync(crm);

        await PostAsync(crm, $"/t/demo/api/v1/orders/{placed.OrderId}/services", """[{"code":"equipment","parameters":{"model":"premium"}}]""", 202);
        await PostAsync(crm, $"/t/demo/api/v1/orders/{placed.OrderId}/services", """[{"code":"nothing"}]""", 400);
        var details = await DetailsAsync(crm, placed.OrderId);
        details.GetProperty("services").GetArrayLength().ShouldBe(2);
        details.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()).Order().ToArray().ShouldBe(["install", "survey"]);

        var internet = details.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "internet").GetProperty("serviceId").GetGuid();
        var withdraw = $"/t/demo/api/v1/orders/{placed.OrderId}/services/{internet}/withdraw";
        await PostAsync(crm, withdraw, """{"reason":""}""", 400);
        await PostAsync(crm, withdraw, """{"reason":"the customer has internet already"}""", 202);
        details = await DetailsAsync(crm, placed.OrderId);
        details.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == internet).GetProperty("state").GetString().ShouldBe("Cancelled");
        details.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("nodeId").GetString() == "survey").GetProperty("status").GetString().ShouldBe("withdrawn");
        details.GetProperty("order").GetProperty("status").GetString().ShouldBe("InProgress", "the equipment service still runs");
        await PostAsync(crm, withdraw, """{"reason":"again"}""", 409);
    }
}
