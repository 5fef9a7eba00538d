using Dapper;
using Ktp.EndToEnd.Tests.Accessibility;
using Ktp.Web.Seed;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>The configuration editors spare the project manager codes and keep their unsaved work.</summary>
public sealed class ProjectEditorsTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private static readonly string Topics = $"/t/demo/projects/{DemoProject.ProjectId}/topics";
    private static readonly string Route = $"/t/demo/projects/{DemoProject.ProjectId}/route";

    [Fact]
    public async Task Typing_an_attribute_label_fills_its_code_which_stays_editable()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync(Topics);
            await Pages.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=tree-group]", new() { HasText = "Возвраты" }).ClickAsync();
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возвраты");
            await page.ClickAsync("#add-topic");
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync(""); // the new topic's editor replaced the group's
            await page.FillAsync("#node-name", "Возврат за испорченный товар");
            await page.ClickAsync("#add-attribute");

            await page.FillAsync("#attr-label-0", "Номер заказа");
            await Assertions.Expect(page.Locator("#attr-code-0")).ToHaveValueAsync("nomer_zakaza");
            await page.FillAsync("#attr-label-0", "Номер чека");
            await Assertions.Expect(page.Locator("#attr-code-0")).ToHaveValueAsync("nomer_cheka", new() { Timeout = 5_000 });

            // A second attribute with the same label gets a code of its own
            await page.ClickAsync("#add-attribute");
            await page.FillAsync("#attr-label-1", "Номер чека");
            await Assertions.Expect(page.Locator("#attr-code-1")).ToHaveValueAsync("nomer_cheka_2");

            // Once the code is edited by hand, the label no longer changes it
            await page.FillAsync("#attr-code-1", "receipt_copy");
            await page.FillAsync("#attr-label-1", "Копия чека");
            await page.Locator("#attr-label-1").BlurAsync();
            await Assertions.Expect(page.Locator("#attr-code-1")).ToHaveValueAsync("receipt_copy");

            // A condition chosen but not written: said on the flag in Russian, values and all
            var required = page.Locator("[data-testid=flag-required-0]");
            await required.Locator(".mud-radio", new() { HasText = "Если…" }).ClickAsync();
            await page.ClickAsync("#save-topics");
            await Assertions.Expect(required.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
                "Атрибут «nomer_cheka» (тема «Возврат за испорченный товар»), обязательность: задайте условие или выберите «Да» или «Нет».");
            await required.Locator(".mud-radio", new() { HasText = "Нет" }).ClickAsync();

            await page.ClickAsync("#save-topics");
            await Pages.ExpectNoticeAsync(page, "Сохранено: версия");
            await using var db = new NpgsqlConnection(app.OwnerConnectionString);
            var document = await db.QuerySingleAsync<string>(
                "SELECT document::text FROM project_settings WHERE project_id = @ProjectId AND kind = 'topics' ORDER BY version DESC LIMIT 1", new { DemoProject.ProjectId });
            document.ShouldContain("\"nomer_cheka\"");
            document.ShouldContain("\"receipt_copy\"");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "attribute-code", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task Leaving_an_edited_page_asks_first_and_staying_keeps_the_edits()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync(Topics);
            await Pages.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=tree-group]", new() { HasText = "Возвраты" }).ClickAsync();
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возвраты");
            await page.FillAsync("#node-name", "Возвраты и компенсации");

            // Another page of the app: the app asks; "stay" keeps the page and the edit
            await page.Locator("[data-testid=project-nav]").GetByText("Маршрут").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Уйти без сохранения?");
            await Pages.ConfirmAsync(page, "Остаться");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/topics$"));
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возвраты и компенсации");

            // A reload: the browser asks (beforeunload)
            await page.WaitForTimeoutAsync(1_000); // the guard tells the browser within half a second
            var asked = new TaskCompletionSource<string>();
            page.Dialog += async (_, dialog) =>
            {
                asked.TrySetResult(dialog.Type);
                await dialog.DismissAsync();
            };
            var reload = page.ReloadAsync(new() { Timeout = 3_000 }).ContinueWith(t => t.Exception);
            (await asked.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("beforeunload");
            await reload;
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возвраты и компенсации");

            // "Leave" goes on, without saving
            await page.Locator("[data-testid=project-nav]").GetByText("Маршрут").ClickAsync();
            await Pages.ConfirmAsync(page, "Уйти");
            await page.WaitForURLAsync("**/route");
            await page.Locator("#publish-route").WaitForAsync();
            await page.GotoAsync(Topics);
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=tree-group]", new() { HasText = "Возвраты и компенсации" })).ToHaveCountAsync(0);

            // An unedited page lets you go without asking (on a loaded machine a click can land before the link is live: click again)
            for (var attempt = 1; !page.Url.EndsWith("/route", StringComparison.Ordinal); attempt++)
            {
                await page.Locator("[data-testid=project-nav]").GetByText("Маршрут").ClickAsync();
                try { await page.WaitForURLAsync("**/route", new() { Timeout = 7000 }); }
                catch (TimeoutException) when (attempt < 3) { }
            }
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "leave-prompt", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task Publishing_an_unchanged_route_says_nothing_changed_and_makes_no_version()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync(Route, new() { Timeout = 60_000 }); // the first visit of the page in this app; slow on a loaded machine
            await Pages.WaitForInteractiveAsync(page);
            var before = await RouteVersionsAsync();
            await page.ClickAsync("#publish-route");
            await Pages.ExpectNoticeAsync(page, "Ничего не изменилось");
            (await RouteVersionsAsync()).ShouldBe(before);
            await Assertions.Expect(page.Locator("[data-testid=route-history] li")).ToHaveCountAsync((int)before);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "route-unchanged", app.Output);
            throw;
        }
    }

    private async Task<long> RouteVersionsAsync()
    {
        await using var db = new NpgsqlConnection(app.OwnerConnectionString);
        return await db.ExecuteScalarAsync<long>("SELECT count(*) FROM project_routes WHERE project_id = @ProjectId", new { DemoProject.ProjectId });
    }
}
