namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>The shell (menu, bar, theme) and the administration pages, as the demo admin sees them.</summary>
public sealed class AdministrationPagesTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_dashboard_and_the_users_page_pass_axe_in_light_and_dark_theme()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "admin@demo.ktp");
        await using var _ = context;
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "");
            await DemoPages.ExpectAccessibleAsync(page, "/admin/users");

            var light = await BackgroundAsync(page);
            await page.Locator("[data-testid=theme-toggle]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Светлая тема");
            (await BackgroundAsync(page)).ShouldNotBe(light);
            await page.ReloadAsync();
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Светлая тема");
            await Pages.ExpectAccessibleAsync(page);
            (await BackgroundAsync(page)).ShouldNotBe(light, "the dark theme is remembered");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-admin", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_admin_adds_an_HR_officer_and_deactivates_them_after_confirming()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "admin@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync("/t/demo/admin/users");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#new-email", "svetlana@demo.ktp");
            await page.FillAsync("#new-name", "Светлана Орлова");
            await page.FillAsync("#new-password", "Svetlana-Password-1");
            await Pages.ChooseAsync(page, "#new-role", "Кадровик");
            await page.ClickAsync("#add-user");
            await Pages.ExpectNoticeAsync(page, "Пользователь добавлен: Светлана Орлова");

            var row = page.Locator("[data-testid=users-grid] tr", new() { HasText = "svetlana@demo.ktp" });
            await Assertions.Expect(row).ToContainTextAsync("Кадровик");
            await row.GetByRole(AriaRole.Button, new() { Name = "Отключить" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Отключить пользователя Светлана Орлова?");
            await Pages.ConfirmAsync(page, "Отключить");
            await Pages.ExpectNoticeAsync(page, "Светлана Орлова: доступ отключён");
            await Assertions.Expect(row).ToContainTextAsync("Отключён");

            // ... and the deactivated user cannot sign in
            await using var other = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "ru-RU" });
            var theirs = await other.NewPageAsync();
            await Pages.SignInAsync(theirs, "demo", "svetlana@demo.ktp", "Svetlana-Password-1");
            await Assertions.Expect(theirs).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "users-admin", app.Output);
            throw;
        }
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
