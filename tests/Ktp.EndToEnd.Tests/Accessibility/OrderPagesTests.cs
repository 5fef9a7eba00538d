namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>The orders screens on the demo's orders, in Russian at 1366 px: lists, the dispatcher's board, task management, statistics, a seeded process in the editor, a new order.</summary>
public sealed class OrderPagesTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_orders_the_dispatcher_the_catalogue_and_my_tasks_pass_axe_with_the_demo_data_shown()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "/orders");
            await Assertions.Expect(page.Locator("[data-testid=orders-grid] tbody tr")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("[data-testid=orders-grid]")).ToContainTextAsync("Ждёт ресурсов");
            await page.ClickAsync("#new-order");
            await Assertions.Expect(page.Locator("#order-customer")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
            await page.Keyboard.PressAsync("Escape");

            await DemoPages.ExpectAccessibleAsync(page, "/dispatcher");
            await Assertions.Expect(page.Locator("[data-testid=column-nobody] [data-testid=task-card]").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=load]")).ToContainTextAsync("Дмитрий Соколов");

            // Task management: the open tasks of every order; choosing "done" shows the finished ones.
            await DemoPages.ExpectAccessibleAsync(page, "/orders/tasks");
            await Assertions.Expect(page.Locator("[data-testid=tasks-grid]")).ToContainTextAsync("Дмитрий Соколов");
            await page.Locator("[data-testid=task-states] .mud-chip", new() { HasText = "Выполненные" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=tasks-grid] [data-testid=task-status]").First).ToHaveTextAsync("Выполнено");
            await Assertions.Expect(page.Locator("[data-testid=tasks-grid] [data-testid=task-status]", new() { HasText = "Открыто" })).ToHaveCountAsync(0);
            await Pages.ExpectAccessibleAsync(page);

            await DemoPages.ExpectAccessibleAsync(page, "/orders/statistics");
            await Assertions.Expect(page.Locator("[data-testid=now]")).ToContainTextAsync("Ждут ресурсов");
            await Assertions.Expect(page.Locator("[data-testid=days] tbody tr")).Not.ToHaveCountAsync(0);

            await DemoPages.ExpectAccessibleAsync(page, "/catalogue");
            await Assertions.Expect(page.Locator("[data-testid=services]")).ToContainTextAsync("Перенос номера");
            // A diagram written without drawing (the demo's) is laid out to be shown and edited.
            await DemoPages.ExpectAccessibleAsync(page, "/catalogue/processes/internet_connection");
            await Assertions.Expect(page.Locator("[data-testid=bpmn-canvas] g.djs-shape", new() { HasText = "Открыть линию" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=bpmn-canvas] g.djs-connection")).ToHaveCountAsync(10); // every flow drawn

            // The demo's open tasks are for executors: a manager's own list says so rather than showing theirs.
            await DemoPages.ExpectAccessibleAsync(page, "/tasks");
            await Assertions.Expect(page.Locator("[data-testid=no-tasks]")).ToBeVisibleAsync();
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-orders", app.Output);
            throw;
        }
    }
}
