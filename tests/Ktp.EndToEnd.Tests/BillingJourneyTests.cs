namespace Ktp.EndToEnd.Tests;

public sealed class BillingJourneyTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private const string Password = "Journey-Password-7";

    [Fact]
    public async Task A_trial_tenant_tops_up_through_checkout_the_platform_sees_it_and_a_suspension_stops_the_operator()
    {
        var slug = "pay-" + Guid.NewGuid().ToString("N")[..6];
        await using var tenantContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await using var platformContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await using var operatorContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await tenantContext.NewPageAsync();
        var platform = await platformContext.NewPageAsync();
        var op = await operatorContext.NewPageAsync();
        foreach (var p in new[] { page, platform, op }) p.SetDefaultTimeout(20_000);
        try
        {
            // A new company starts on the trial with a zero balance
            await Pages.SignUpAsync(page, slug, "Paying Customer Ltd", "owner@paying.test", Password);
            await Pages.AddUserAsync(page, slug, "agent@paying.test", "Agent Smith", Password);
            await page.GotoAsync($"/t/{slug}/billing");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=trial]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("0.00 RUB");

            // Top up through the (fake) Stripe hosted checkout; the signed webhook credits the account
            await page.FillAsync("#topup-amount", "5000");
            await page.ClickAsync("#topup-submit");
            await page.WaitForURLAsync("**/fake-stripe/checkout/**");
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay") }).ClickAsync();
            await page.WaitForURLAsync($"**/t/{slug}/billing?checkout=*");
            await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("5,000.00 RUB");
            await Assertions.Expect(page.Locator("[data-testid=ledger]")).ToContainTextAsync("Top-up via stripe");

            // The SaaS admin sees the payment
            await Pages.SignInAsync(platform, "platform", "admin@platform.ktp", "Demo-Password-1");
            await platform.WaitForURLAsync("**/t/platform");
            await platform.GotoAsync("/t/platform/platform/tenants");
            await Pages.WaitForInteractiveAsync(platform);
            var row = platform.Locator("[data-testid=tenants-grid] tr", new() { HasText = slug });
            await Assertions.Expect(row).ToContainTextAsync("5,000.00");
            await row.GetByRole(AriaRole.Link, new() { Name = "Paying Customer Ltd" }).ClickAsync();
            await Pages.WaitForInteractiveAsync(platform);
            await Assertions.Expect(platform.Locator("[data-testid=tenant-balance]")).ToContainTextAsync("5,000.00");

            // ... suspends the workspace by hand, and its operator lands on the suspension page
            await platform.FillAsync("#state-reason", "Contract dispute");
            await platform.ClickAsync("#suspend");
            await Pages.ConfirmAsync(platform, "Suspend");
            await Assertions.Expect(platform.Locator("[data-testid=tenant-state]")).ToHaveTextAsync("Suspended");

            await Pages.SignInAsync(op, slug, "agent@paying.test", Password);
            await op.WaitForURLAsync($"**/t/{slug}/suspended");
            await Assertions.Expect(op.Locator("[data-testid=suspended]")).ToContainTextAsync("The workspace is suspended.");
            await Assertions.Expect(op.Locator("[data-testid=suspended]")).ToContainTextAsync("Ask your workspace administrator");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, slug + "-tenant", app.Output);
            await Pages.ScreenshotOnFailureAsync(platform, slug + "-platform", app.Output);
            await Pages.ScreenshotOnFailureAsync(op, slug + "-operator", app.Output);
            throw;
        }
    }
}
