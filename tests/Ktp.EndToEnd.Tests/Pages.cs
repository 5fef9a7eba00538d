namespace Ktp.EndToEnd.Tests;

/// <summary>Steps the browser tests share.</summary>
public static class Pages
{
    /// <summary>Blazor pages are prerendered; typing before the circuit is live would be lost.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task SignUpAsync(IPage page, string slug, string company, string email, string password)
    {
        await page.GotoAsync("/signup");
        await page.FillAsync("#company", company);
        await page.FillAsync("#slug", slug);
        await page.FillAsync("#name", "Jane Admin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.SelectOptionAsync("#culture", "en");
        await page.ClickAsync("#signup-submit");
        await page.WaitForURLAsync($"**/t/{slug}");
        await WaitForInteractiveAsync(page);
    }

    public static async Task SignInAsync(IPage page, string slug, string email, string password)
    {
        await page.GotoAsync($"/t/{slug}/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
    }

    public static async Task AddUserAsync(IPage page, string slug, string email, string name, string password)
    {
        await page.GotoAsync($"/t/{slug}/admin/users");
        await WaitForInteractiveAsync(page);
        await page.FillAsync("#new-email", email);
        await page.FillAsync("#new-name", name);
        await page.FillAsync("#new-password", password);
        await page.ClickAsync("#add-user");
        await Assertions.Expect(page.Locator("[data-testid=users-grid]")).ToContainTextAsync(email);
    }

    public static async Task ScreenshotOnFailureAsync(IPage page, string name, string appOutput)
    {
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"ktp-e2e-{name}.log"), appOutput);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"ktp-e2e-{name}.png"), FullPage = true });
    }
}
