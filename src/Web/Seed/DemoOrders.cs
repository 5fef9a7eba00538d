using System.Security.Claims;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Web.Seed;

/// <summary>
/// The demo's catalogue (home internet, equipment installation, number porting, each with its diagram) and a few
/// orders in different states, placed and worked through the same handlers people and systems use.
/// </summary>
public static class DemoOrders
{
    private static readonly string[] Processes = ["internet_connection", "equipment_install", "number_porting"];

    public static IReadOnlyList<CatalogueService> Catalogue =>
    [
        new("internet", "Подключение домашнего интернета", "internet_connection",
            [
                new ServiceParameter("tariff", "Тариф", ParameterType.Text, Required: true),
                new ServiceParameter("distance", "Расстояние до узла, м", ParameterType.Number),
            ],
            [
                new TaskRule("survey", "Обследовать адрес"),
                new TaskRule("cable", "Проложить кабель", """{">":[{"var":"service.distance"},50]}"""),
                new TaskRule("router", "Доставить роутер", """{"!":{"var":"order.ownRouter"}}"""),
            ]) { Description = "Обследование, кабель и роутер по необходимости, затем открытие линии в системе обеспечения ресурсами." },
        new("equipment", "Установка оборудования", "equipment_install",
            [new ServiceParameter("model", "Модель", ParameterType.Text, Required: true)],
            [new TaskRule("install", "Установить"), new TaskRule("check", "Проверить установку", """{"in":[{"var":"service.model"},["premium","Премиум"]]}""")]),
        new("porting", "Перенос номера", "number_porting",
            [new ServiceParameter("number", "Переносимый номер", ParameterType.Text, Required: true)],
            [new TaskRule("documents", "Проверить документы"), new TaskRule("switch", "Переключить номер")]),
    ];

    public static async Task SeedAsync(IServiceProvider services, KtpDatabase db, TenantInfo tenant, CancellationToken ct)
    {
        await using (var check = await db.BeginTenantAsync(tenant.TenantId, ct))
            if (await check.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM catalogue_services)", ct: ct)) return;

        (Guid Id, string Name) executor, manager;
        await using (var uow = await db.BeginTenantAsync(tenant.TenantId, ct))
        {
            executor = await uow.QuerySingleAsync<(Guid, string)>("SELECT user_id, display_name FROM users WHERE email = 'executor@demo.ktp'", ct: ct);
            manager = await uow.QuerySingleAsync<(Guid, string)>("SELECT user_id, display_name FROM users WHERE email = 'pm@demo.ktp'", ct: ct);
        }

        using (var admin = As(services, tenant, manager, Privilege.OrdersConfigure))
        {
            var session = admin.ServiceProvider.GetRequiredService<CurrentSession>();
            var definitions = admin.ServiceProvider.GetRequiredService<ProcessDefinitions>();
            foreach (var process in Processes) await definitions.DeployAsync(session, Diagram(process), ct);
            var catalogue = admin.ServiceProvider.GetRequiredService<ServiceCatalogue>();
            foreach (var service in Catalogue) await catalogue.SaveAsync(service, ct);
        }

        using var crm = As(services, tenant, manager, Privilege.OrdersManage, Privilege.OrdersWork);
        var intake = crm.ServiceProvider.GetRequiredService<OrderIntake>();
        var queries = crm.ServiceProvider.GetRequiredService<OrderQueries>();
        using var field = As(services, tenant, executor, Privilege.OrdersWork);
        var work = field.ServiceProvider.GetRequiredService<OrderWork>();
        var dispatch = crm.ServiceProvider.GetRequiredService<OrderWork>();

        // In progress: three field tasks, the survey already with the executor.
        var first = await intake.PlaceAsync(Order("Ольга Васильева", "+79161002030", "CRM-5001", ownRouter: false,
            ("internet", new() { ["tariff"] = "Домашний 500", ["distance"] = 120 })), "demo-5001", ct);
        var survey = (await queries.TasksOfOrderAsync(first.OrderId, ct)).First(t => t.NodeId == "survey");
        await dispatch.AssignTaskAsync(survey.TaskId, executor.Id, ct);

        // Premium equipment: installed; the check follows once the settling timer fires.
        var second = await intake.PlaceAsync(Order("Игорь Николаев", "+79035551234", "CRM-5002", ownRouter: true,
            ("equipment", new() { ["model"] = "premium" })), "demo-5002", ct);
        await CompleteAllAsync(work, queries, second.OrderId, new() { ["serial"] = "SN-204411", ["works"] = true }, ct);

        // Number porting: documents are fine; it waits for the donor operator to release the number.
        var third = await intake.PlaceAsync(Order("ООО «Вектор»", "+74957770011", "CRM-5003", ownRouter: true,
            ("porting", new() { ["number"] = "+7 495 777-00-11" })), "demo-5003", ct);
        await CompleteAllAsync(work, queries, third.OrderId, new() { ["documentsOk"] = true }, ct);

        // Done: basic equipment, installed.
        var fourth = await intake.PlaceAsync(Order("Татьяна Орлова", "+79263215476", "CRM-5004", ownRouter: true,
            ("equipment", new() { ["model"] = "basic" })), "demo-5004", ct);
        await CompleteAllAsync(work, queries, fourth.OrderId, new() { ["serial"] = "SN-100982", ["works"] = true }, ct);

        // Cancelled by the customer.
        var fifth = await intake.PlaceAsync(Order("Алексей Фёдоров", "+79851112233", "CRM-5005", ownRouter: false,
            ("internet", new() { ["tariff"] = "Домашний 100", ["distance"] = 20 })), "demo-5005", ct);
        await dispatch.CancelOrderAsync(fifth.OrderId, "Клиент передумал подключаться", ct);
    }

    private static async Task CompleteAllAsync(OrderWork work, OrderQueries queries, Guid orderId, Dictionary<string, object> output, CancellationToken ct)
    {
        var values = output.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value));
        foreach (var task in (await queries.TasksOfOrderAsync(orderId, ct)).Where(t => t.Status == "open" && t.Kind == "user"))
            await work.CompleteTaskAsync(task.TaskId, values, ct);
    }

    private static NewOrder Order(string customer, string phone, string crmNumber, bool ownRouter, params (string Code, Dictionary<string, object> Parameters)[] services) =>
        new(new OrderCustomer(customer, phone, null, null),
            [.. services.Select(s => new NewOrderService(s.Code, s.Parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))))],
            crmNumber, new Dictionary<string, JsonElement> { ["ownRouter"] = JsonSerializer.SerializeToElement(ownRouter) });

    private static string Diagram(string process)
    {
        using var stream = typeof(DemoOrders).Assembly.GetManifestResourceStream($"Ktp.Web.Seed.Processes.{process}.bpmn")
            ?? throw new InvalidOperationException($"The demo diagram {process} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IServiceScope As(IServiceProvider services, TenantInfo tenant, (Guid Id, string Name) user, params string[] privileges)
    {
        var scope = services.CreateScope();
        var claims = new List<Claim> { new(KtpClaims.UserId, user.Id.ToString()), new(KtpClaims.DisplayName, user.Name), new(ClaimTypes.Role, Role.Executor) };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "seed")));
        return scope;
    }
}
