using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>
/// The process coordinator end to end in a real browser: a manager draws start → user task → exclusive gateway → end in
/// the modeler (the first deploy is refused and names the gateway's two flows; one becomes the default, the other gets a condition), deploys, adds a service using it, places an
/// order; the executor completes the task under My tasks; the order is done and its diagram shows the path taken.
/// </summary>
public sealed class OrdersJourneyTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private const string Password = "Demo-Password-1";

    [Fact]
    public async Task A_drawn_process_is_deployed_ordered_worked_and_shown_finished_on_its_diagram()
    {
        await using var managerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var executorContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await managerContext.NewPageAsync();
        var executor = await executorContext.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        executor.SetDefaultTimeout(20_000);
        var task = "Позвонить клиенту " + Guid.NewGuid().ToString("N")[..4];
        try
        {
            await Pages.SignInAsync(page, "demo", "pm@demo.ktp", Password);
            await page.WaitForURLAsync("**/t/demo");
            await page.GotoAsync("/t/demo/catalogue/processes/new");
            await Pages.WaitForInteractiveAsync(page);
            var canvas = page.Locator("[data-testid=bpmn-canvas]");

            // Draw: the new diagram has a start event; append a task, make it a user task, then a gateway and an end.
            await canvas.Locator("g.djs-element[data-element-id=StartEvent_1]").ClickAsync();
            await ContextPadAsync(page, "append.append-task");
            await page.Keyboard.PressAsync("Escape"); // leave the label editor bpmn-js opens on a new task
            await ContextPadAsync(page, "replace");
            await page.Locator(".djs-popup [data-id=replace-with-user-task]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=bpmn-element-kind]")).ToContainTextAsync("Пользовательская задача");
            var taskId = (await page.Locator("[data-testid=bpmn-element-id]").InnerTextAsync()).Split(' ')[^1];
            await page.FillAsync("#bpmn-name", task);
            await page.FillAsync("#bpmn-candidate-role", "executor");
            await page.FillAsync("#bpmn-form", "urgent:flag:Срочно");
            await page.Locator("#bpmn-form").BlurAsync();
            await Assertions.Expect(canvas.Locator($"g.djs-element[data-element-id={taskId}]")).ToContainTextAsync(task);
            await SelectAsync(page, canvas, taskId);
            await Assertions.Expect(page.Locator("#bpmn-candidate-role")).ToHaveValueAsync("executor");
            await Assertions.Expect(page.Locator("#bpmn-form")).ToHaveValueAsync("urgent:flag:Срочно");
            await ContextPadAsync(page, "append.gateway");
            await page.Keyboard.PressAsync("Escape");
            // The panel follows the new element over the circuit: its id is read only once it shows the gateway.
            await Assertions.Expect(page.Locator("[data-testid=bpmn-element-kind]")).ToContainTextAsync("Исключающий шлюз");
            var gatewayId = (await page.Locator("[data-testid=bpmn-element-id]").InnerTextAsync()).Split(' ')[^1];
            await ContextPadAsync(page, "append.end-event");
            await page.Keyboard.PressAsync("Escape");
            await SelectAsync(page, canvas, gatewayId);
            await ContextPadAsync(page, "append.end-event");
            await page.Keyboard.PressAsync("Escape");

            // Both flows out of the gateway lack a condition: the engine refuses them and names each; their links select them.
            await page.ClickAsync("#deploy");
            var problems = page.Locator("[data-testid=deploy-problems]");
            await Assertions.Expect(problems.Locator("li", new() { HasText = "без условия и не выбран потоком по умолчанию" })).ToHaveCountAsync(2);
            await problems.Locator("li a").Nth(0).ClickAsync();
            await page.GetByLabel("Поток по умолчанию").CheckAsync();
            await problems.Locator("li a").Nth(1).ClickAsync();
            // The condition is built from the task form's field by name, not typed as JsonLogic.
            await Pages.ChooseAsync(page, "#bpmn-condition-0-field", "Срочно");
            await Pages.ChooseAsync(page, "#bpmn-condition-0-value", "Да");
            await page.ClickAsync("#deploy");
            await Pages.ExpectNoticeAsync(page, "Опубликовано");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/processes/Process_\\w+$")); // a client-side navigation: polled, not awaited as a load
            var key = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await Pages.ExpectAccessibleAsync(page);

            // A service carried out by the new process
            await page.GotoAsync("/t/demo/catalogue");
            await Pages.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-service");
            await page.FillAsync("#service-name", "Обратный звонок " + key[^4..]);
            await Pages.ChooseAsync(page, "#service-process", key);
            // A task rule built on a parameter of the service
            await page.ClickAsync("#add-parameter");
            await page.FillAsync("#parameter-name-0", "Вечером");
            await Pages.ChooseAsync(page, "#parameter-type-0", "Да/нет");
            await page.ClickAsync("#add-rule");
            await page.FillAsync("#rule-name-0", "Перезвонить вечером");
            await page.ClickAsync("#rule-add-condition-0");
            await Pages.ChooseAsync(page, "#rule-condition-0-0-field", "Вечером");
            await Pages.ChooseAsync(page, "#rule-condition-0-0-value", "Да");
            await page.ClickAsync("#save-service");
            await Pages.ExpectNoticeAsync(page, "Услуга сохранена");
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
            {
                var condition = await db.ExecuteScalarAsync<string>("SELECT task_rules->0->>'condition' FROM catalogue_services WHERE process_key = @key", new { key });
                JsonNode.DeepEquals(JsonNode.Parse(condition!), JsonNode.Parse("""{"==":[{"var":"service.vecherom"},true]}""")).ShouldBeTrue(condition);
            }
            await Pages.ExpectAccessibleAsync(page);

            // An order by hand
            await page.GotoAsync("/t/demo/orders");
            await Pages.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-order");
            await page.FillAsync("#order-customer", "Павел Зайцев");
            await Pages.ChooseAsync(page, "#order-service-0", "Обратный звонок " + key[^4..]);
            await page.ClickAsync("#place-order");
            await page.WaitForURLAsync("**/t/demo/orders/*");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Заказ №");
            await Assertions.Expect(page.Locator("[data-testid=status]").First).ToHaveTextAsync("В работе");
            await Assertions.Expect(page.Locator("[data-testid=bpmn-viewer] .ktp-active")).ToHaveCountAsync(1);
            await Pages.ExpectAccessibleAsync(page);
            var orderUrl = page.Url;

            // The executor does it
            await Pages.SignInAsync(executor, "demo", "executor@demo.ktp", Password);
            await executor.WaitForURLAsync("**/t/demo");
            await executor.GotoAsync("/t/demo/tasks");
            await Pages.WaitForInteractiveAsync(executor);
            await executor.Locator("[data-testid=task-list] .mud-list-item", new() { HasText = task }).ClickAsync();
            await Assertions.Expect(executor.Locator("[data-testid=task-panel] h2")).ToHaveTextAsync(task);
            await executor.FillAsync("#task-comment", "Клиент подтвердил");
            await executor.ClickAsync("#complete-task");
            await Pages.ExpectNoticeAsync(executor, "Задание выполнено");
            await Assertions.Expect(executor.Locator("[data-testid=task-list] .mud-list-item", new() { HasText = task })).ToHaveCountAsync(0);
            await Pages.ExpectAccessibleAsync(executor);

            // The order is done and its diagram shows the path: start, task, gateway, end, nothing active
            await page.GotoAsync(orderUrl);
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=status]").First).ToHaveTextAsync("Выполнен");
            await Assertions.Expect(page.Locator("[data-testid=bpmn-viewer] g.djs-shape.ktp-completed")).ToHaveCountAsync(4); // the default end, not the urgent one
            await Assertions.Expect(page.GetByText("Правила обращались к данным, которых нет в заказе (считались пустыми): urgent")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=bpmn-viewer] .ktp-active")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("table", new() { HasText = task })).ToContainTextAsync("Дмитрий Соколов");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "orders-manager", app.Output);
            await Pages.ScreenshotOnFailureAsync(executor, "orders-executor", app.Output);
            throw;
        }
    }

    /// <summary>Selects an element on the canvas (clicking its top edge, away from its label).</summary>
    private static async Task SelectAsync(IPage page, ILocator canvas, string elementId)
    {
        var shape = canvas.Locator($"g.djs-element[data-element-id={elementId}]");
        var box = (await shape.BoundingBoxAsync())!;
        // A click on the element already selected would not bring its context pad back: select nothing first.
        var blank = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(blank.X + blank.Width - 60, blank.Y + blank.Height - 60);
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + 3);
        await Assertions.Expect(page.Locator(".djs-context-pad.open")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=bpmn-element-id]")).ToContainTextAsync(elementId);
    }

    /// <summary>Clicks an entry of the context pad bpmn-js shows beside the selected element.</summary>
    private static Task ContextPadAsync(IPage page, string action) =>
        page.Locator($".djs-context-pad.open .entry[data-action=\"{action}\"]").ClickAsync();
}
