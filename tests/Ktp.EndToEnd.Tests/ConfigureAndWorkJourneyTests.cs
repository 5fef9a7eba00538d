using Dapper;
using Ktp.Web.Seed;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>
/// The whole path of the issue: the project manager configures a topic with a required attribute and
/// publishes the route; an operator registers it (blocked until the attribute is filled), takes it from
/// the queue and closes it; the history shows every step.
/// </summary>
public sealed class ConfigureAndWorkJourneyTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_topic_and_route_configured_by_the_manager_are_worked_by_an_operator_end_to_end()
    {
        await using var pmContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await using var opContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var pm = await pmContext.NewPageAsync();
        var op = await opContext.NewPageAsync();
        pm.SetDefaultTimeout(20_000);
        op.SetDefaultTimeout(20_000);
        try
        {
            // The project manager adds a topic with a required attribute ...
            await Pages.SignInAsync(pm, "demo", "pm@demo.ktp", "Demo-Password-1");
            await pm.WaitForURLAsync("**/t/demo");
            await pm.GotoAsync($"/t/demo/projects/{DemoProject.ProjectId}/topics");
            await Pages.WaitForInteractiveAsync(pm);
            await pm.Locator("[data-testid=tree-group]", new() { HasText = "Возвраты" }).ClickAsync();
            await Assertions.Expect(pm.Locator("#node-name")).ToHaveValueAsync("Возвраты");
            await pm.ClickAsync("#add-topic");
            await Assertions.Expect(pm.Locator("#node-name")).ToHaveValueAsync("");
            await pm.FillAsync("#node-name", "Возврат за простой связи");
            await pm.ClickAsync("#add-attribute");
            await pm.FillAsync("#attr-code-0", "outage_days");
            await pm.FillAsync("#attr-label-0", "Дней без связи");
            await pm.Locator("[data-testid=flag-required-0]").GetByText("Да", new() { Exact = true }).ClickAsync();
            await pm.ClickAsync("#save-topics");
            await Assertions.Expect(pm.Locator("[data-testid=topics-version]")).ToContainTextAsync("Мария Смирнова");

            // ... and publishes the route again with a new name.
            await pm.GotoAsync("/t/demo/projects");
            await Pages.WaitForInteractiveAsync(pm);
            await pm.Locator("[data-testid=projects-grid] tr", new() { HasText = "Горячая линия Ромашка" }).Locator("a[href$='/route']").ClickAsync();
            await pm.WaitForURLAsync("**/route");
            await Pages.WaitForInteractiveAsync(pm);
            await Assertions.Expect(pm.Locator("[data-testid=route-version]")).ToContainTextAsync("1");
            await pm.FillAsync("#route-name", "Стандартный маршрут (с возвратами за простой)");
            await pm.ClickAsync("#publish-route");
            await Assertions.Expect(pm.Locator("[data-testid=route-history] li")).ToHaveCountAsync(2);

            // The operator registers the new topic: the required attributes block saving until filled.
            await Pages.SignInAsync(op, "demo", "operator@demo.ktp", "Demo-Password-1");
            await op.WaitForURLAsync("**/t/demo");
            await op.GotoAsync("/t/demo/work");
            await Pages.WaitForInteractiveAsync(op);
            await op.FillAsync("#customer-name", "Зинаида Простоева");
            await Pages.ChooseAsync(op, "#topic", "Возврат за простой связи");
            await op.Locator("#attr-outage_days").WaitForAsync();
            await op.ClickAsync("#register-submit");
            await Assertions.Expect(op.Locator("[data-testid=error-outage_days]")).ToBeVisibleAsync();

            await op.FillAsync("#attr-outage_days", "3");
            await op.FillAsync("#attr-contract_no", "Д-7777");
            await op.FillAsync("#attr-refund_amount", "450");
            await op.FillAsync("#attr-card_last4", "1234");
            await op.ClickAsync("#register-submit");
            await Assertions.Expect(op.Locator("[data-testid=error-outage_days]")).ToHaveCountAsync(0);

            // Take it from its queue and close it.
            await op.ClickAsync("[data-testid=queue-general]");
            var row = op.Locator("[data-testid=queue-list] tr", new() { HasText = "Зинаида Простоева" });
            // The queue list re-renders on every change in the workspace (other tests work in it too): a click that
            // lands while the row is being replaced is lost, so "take" is pressed again while the row is still there.
            for (var attempt = 1; ; attempt++)
            {
                await row.GetByRole(AriaRole.Button).ClickAsync();
                try
                {
                    await Assertions.Expect(op.Locator("[data-testid=current-inquiry]")).ToContainTextAsync("Д-7777", new() { Timeout = 10_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                    if (await row.CountAsync() == 0) throw; // taken, yet not shown: a real failure
                }
            }
            await op.FillAsync("#work-text", "Возврат 450 ₽ оформлен");
            await op.ClickAsync("#close-inquiry");
            await Assertions.Expect(op.Locator("[data-testid=current-inquiry]")).ToHaveCountAsync(0);

            Guid inquiryId;
            int routeVersion;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (inquiryId, routeVersion) = await db.QuerySingleAsync<(Guid, int)>("""
                    SELECT i.inquiry_id, i.route_version FROM inquiries i JOIN customers c USING (tenant_id, customer_id)
                    WHERE c.name = 'Зинаида Простоева' AND i.status = 'Closed'
                    """);
            routeVersion.ShouldBe(2, "a new inquiry follows the route version published last");

            await op.GotoAsync($"/t/demo/inquiries/{inquiryId}");
            await Pages.WaitForInteractiveAsync(op);
            var history = op.Locator("[data-testid=history] tbody tr");
            await Assertions.Expect(history).ToHaveCountAsync(4);
            var text = string.Join("\n", await history.AllInnerTextsAsync());
            text.ShouldContain("Анна Иванова");
            text.ShouldContain("Возврат 450 ₽ оформлен");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(pm, "configure-pm", app.Output);
            await Pages.ScreenshotOnFailureAsync(op, "configure-op", app.Output);
            throw;
        }
    }
}
