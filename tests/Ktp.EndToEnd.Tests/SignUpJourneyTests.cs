namespace Ktp.EndToEnd.Tests;

public sealed class SignUpJourneyTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private const string Password = "Journey-Password-7";

    [Fact]
    public async Task A_new_company_signs_up_adds_an_operator_who_sees_only_the_operator_navigation()
    {
        var slug = "journey-" + Guid.NewGuid().ToString("N")[..6];
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            // Sign up
            await page.GotoAsync("/signup");
            await page.FillAsync("#company", "Journey Support Ltd");
            await page.FillAsync("#slug", slug);
            await page.FillAsync("#name", "Jane Admin");
            await page.FillAsync("#email", "jane@journey.test");
            await page.FillAsync("#password", Password);
            await page.SelectOptionAsync("#culture", "en");
            await page.ClickAsync("#signup-submit");
            await page.WaitForURLAsync($"**/t/{slug}");
            await Pages.WaitForInteractiveAsync(page);
            var nav = page.Locator("[data-testid=nav]");
            await Assertions.Expect(nav).ToContainTextAsync("Users");
            await Assertions.Expect(nav).ToContainTextAsync("Roles and privileges");

            // The admin adds an operator
            await nav.GetByText("Users").ClickAsync();
            await page.WaitForURLAsync($"**/t/{slug}/admin/users");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#new-email", "oleg@journey.test");
            await page.FillAsync("#new-name", "Oleg Operator");
            await page.FillAsync("#new-password", Password);
            await page.ClickAsync("#add-user");
            await Assertions.Expect(page.Locator("[data-testid=users-grid]")).ToContainTextAsync("oleg@journey.test");

            // The operator signs in and sees only what an operator may use
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.WaitForURLAsync($"**/t/{slug}/login");
            await page.FillAsync("#email", "oleg@journey.test");
            await page.FillAsync("#password", Password);
            await page.ClickAsync("#login-submit");
            await page.WaitForURLAsync($"**/t/{slug}");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Oleg Operator");
            var items = await page.Locator("[data-testid=nav] .mud-nav-link-text").AllInnerTextsAsync();
            items.Select(i => i.Trim()).ShouldBe(["Dashboard", "Workplace", "Back office"]);

            // ... and is refused the admin page when typing its address
            var refused = await page.GotoAsync($"/t/{slug}/admin/users");
            refused!.Status.ShouldBe(403);
        }
        catch
        {
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"ktp-e2e-{slug}.log"), app.Output);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"ktp-e2e-{slug}.png"), FullPage = true });
            throw;
        }
    }
}
