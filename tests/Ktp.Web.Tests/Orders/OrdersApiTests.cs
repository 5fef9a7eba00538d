using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>Orders over HTTP as a CRM places them: idempotent, checked at the edge, and refusing what does not fit with a clear 4xx.</summary>
public sealed class OrdersApiTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string InternetOrder = """
        {"customer":{"name":"Ирина","phone":"+79001112233"},"externalId":"CRM-77","parameters":{"ownRouter":true},
         "services":[{"code":"internet","parameters":{"tariff":"Fast","distance":10}}]}
        """;

    [Fact]
    public async Task A_repeated_idempotency_key_answers_with_the_first_order_and_creates_no_second()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyClientAsync(kit.Tenant, Privilege.OrdersManage);
        var externalId = "CRM-" + Guid.NewGuid().ToString("N")[..8];
        var order = InternetOrder.Replace("CRM-77", externalId, StringComparison.Ordinal);
        var first = new HttpRequestMessage(HttpMethod.Post, "/t/demo/api/v1/orders") { Content = Json(order) };
        first.Headers.Add("Idempotency-Key", "crm-77");
        var created = await crm.SendAsync(first);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var placed = (await created.Content.ReadFromJsonAsync<PlacedOrder>())!;

        var again = new HttpRequestMessage(HttpMethod.Post, "/t/demo/api/v1/orders") { Content = Json(order) };
        again.Headers.Add("Idempotency-Key", "crm-77");
        var repeated = await crm.SendAsync(again);
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await repeated.Content.ReadFromJsonAsync<PlacedOrder>())!.OrderId.ShouldBe(placed.OrderId);

        var details = await crm.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/orders/{placed.OrderId}");
        details.GetProperty("order").GetProperty("externalId").GetString().ShouldBe(externalId);
        details.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()).ShouldBe(["survey"], "10 m and their own router: a survey only");
        using var scope = kit.As("Проверка", Privilege.OrdersManage);
        (await scope.ServiceProvider.GetRequiredService<OrderQueries>().OrdersAsync(null, externalId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_orders_are_refused_with_the_fields_named_and_nothing_written()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyClientAsync(kit.Tenant, Privilege.OrdersManage);
        async Task<JsonElement> RefusedAsync(string json)
        {
            var answer = await crm.PostAsync("/t/demo/api/v1/orders", Json(json));
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
            return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        (await RefusedAsync("""{"customer":{"name":"Ира"},"services":[{"code":"teleport"}]}""")).TryGetProperty("services[0].code", out _).ShouldBeTrue();
        var errors = await RefusedAsync("""{"customer":{"name":"Ира"},"services":[{"code":"internet","parameters":{"distance":"far","color":"red"}}]}""");
        errors.TryGetProperty("services[0].parameters.tariff", out _).ShouldBeTrue("required");
        errors.TryGetProperty("services[0].parameters.distance", out _).ShouldBeTrue("not a number");
        errors.TryGetProperty("services[0].parameters.color", out _).ShouldBeTrue("unknown");
        (await RefusedAsync("""{"customer":{"name":"Ира"},"services":[]}""")).TryGetProperty("services", out _).ShouldBeTrue();
        (await crm.PostAsync("/t/demo/api/v1/orders", Json("""{"customer":{"name":"Ира"},"services":[{"code":"internet",}]}"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var scope = kit.As("Проверка", Privilege.OrdersManage);
        (await scope.ServiceProvider.GetRequiredService<OrderQueries>().OrdersAsync(null, "Ира")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Callbacks_and_completions_for_unknown_or_finished_tasks_answer_404_or_409_and_a_key_without_the_privilege_403()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyClientAsync(kit.Tenant, Privilege.OrdersManage, Privilege.OrdersWork);
        var placed = (await (await crm.PostAsync("/t/demo/api/v1/orders", Json(InternetOrder))).Content.ReadFromJsonAsync<PlacedOrder>())!;
        var survey = (await crm.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/orders/{placed.OrderId}")).GetProperty("tasks")[0].GetProperty("taskId").GetString()!;

        (await crm.PostAsync("/t/demo/api/v1/service-tasks/nope%231/result", Json("""{"attempt":1,"succeeded":true}"""))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await crm.PostAsync("/t/demo/api/v1/tasks/nope%231/complete", Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await crm.PostAsync($"/t/demo/api/v1/service-tasks/{Uri.EscapeDataString(survey)}/result", Json("""{"attempt":1,"succeeded":true}""")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "a user task is not a service call");

        (await crm.PostAsync($"/t/demo/api/v1/tasks/{Uri.EscapeDataString(survey)}/complete", Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var late = await crm.PostAsync($"/t/demo/api/v1/tasks/{Uri.EscapeDataString(survey)}/complete", Json("{}"));
        late.StatusCode.ShouldBe(HttpStatusCode.NotFound, "done already: it is not open any more");

        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/cancel", Json("""{"reason":"changed their mind"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/cancel", Json("""{"reason":"again"}"""))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var reader = await app.ApiKeyClientAsync(kit.Tenant, Privilege.InquiriesWork);
        (await reader.PostAsync("/t/demo/api/v1/orders", Json(InternetOrder))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_the_orders()
    {
        var kit = await new OrderTestKit(app).CreateAsync("http://127.0.0.1:9/unused");
        var crm = await app.ApiKeyClientAsync(kit.Tenant, Privilege.OrdersManage);
        var placed = (await (await crm.PostAsync("/t/demo/api/v1/orders", Json(InternetOrder))).Content.ReadFromJsonAsync<PlacedOrder>())!;

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
        var crm = await app.ApiKeyClientAsync(kit.Tenant, Privilege.OrdersManage);
        var placed = (await (await crm.PostAsync("/t/demo/api/v1/orders", Json(InternetOrder))).Content.ReadFromJsonAsync<PlacedOrder>())!;

        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/services", Json("""[{"code":"equipment","parameters":{"model":"premium"}}]""")))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/services", Json("""[{"code":"nothing"}]"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var details = await crm.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/orders/{placed.OrderId}");
        details.GetProperty("services").GetArrayLength().ShouldBe(2);
        details.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()).Order().ToArray().ShouldBe(["install", "survey"]);

        var internet = details.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "internet").GetProperty("serviceId").GetGuid();
        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/services/{internet}/withdraw", Json("""{"reason":""}"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/services/{internet}/withdraw", Json("""{"reason":"the customer has internet already"}""")))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        details = await crm.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/orders/{placed.OrderId}");
        details.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == internet).GetProperty("state").GetString().ShouldBe("Cancelled");
        details.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("nodeId").GetString() == "survey").GetProperty("status").GetString().ShouldBe("withdrawn");
        details.GetProperty("order").GetProperty("status").GetString().ShouldBe("InProgress", "the equipment service still runs");
        (await crm.PostAsync($"/t/demo/api/v1/orders/{placed.OrderId}/services/{internet}/withdraw", Json("""{"reason":"again"}"""))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
