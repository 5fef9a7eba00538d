using System.Net;

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

    [Fact]
    public async Task The_admin_registers_an_api_client_whose_secret_gets_a_token_and_revokes_it_after_confirming()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "admin@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync("/t/demo/admin/api-clients");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#client-name", "1С Бухгалтерия");
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Управление пользователями", Exact = true }).CheckAsync();
            await Pages.ExpectAccessibleAsync(page);
            await page.ClickAsync("#create-client");
            await Pages.ExpectNoticeAsync(page, "Клиент зарегистрирован: 1С Бухгалтерия");
            var clientId = (await page.Locator("[data-testid=new-client-id]").InnerTextAsync()).Trim();
            var secret = (await page.Locator("[data-testid=new-client-secret]").InnerTextAsync()).Trim();

            // The other system gets a token with what the page showed, and calls the API with it
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            }));
            token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
            var accessToken = System.Text.Json.JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var call = new HttpRequestMessage(HttpMethod.Get, "/t/demo/api/v1/users") { Headers = { Authorization = new("Bearer", accessToken) } };
            (await http.SendAsync(call)).StatusCode.ShouldBe(HttpStatusCode.OK);

            var row = page.Locator("[data-testid=clients-grid] tr", new() { HasText = clientId });
            await row.GetByRole(AriaRole.Button, new() { Name = "Отозвать клиента 1С Бухгалтерия" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Отозвать клиента 1С Бухгалтерия?");
            await Pages.ConfirmAsync(page, "Отозвать");
            await Pages.ExpectNoticeAsync(page, "Клиент отозван: 1С Бухгалтерия");
            await Assertions.Expect(row).ToContainTextAsync("Отозван");
            using var again = new HttpRequestMessage(HttpMethod.Get, "/t/demo/api/v1/users") { Headers = { Authorization = new("Bearer", accessToken) } };
            (await http.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "api-clients", app.Output);
            throw;
        }
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
