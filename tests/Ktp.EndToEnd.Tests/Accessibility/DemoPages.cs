namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>
/// Signs a seeded demo user in (every demo user has the same password) and opens pages at 1366×768. Patient with a
/// cold app on a loaded machine: the first page and the sign-in (password hashing) may take longer than a step.
/// </summary>
public static class DemoPages
{
    public const string Password = "Demo-Password-1";

    public static async Task<(IBrowserContext Context, IPage Page)> SignInAsync(BrowserFixture browser, AppProcess app, string email, string locale = "ru-RU")
    {
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(90) })
            (await http.GetAsync("/t/demo/login")).EnsureSuccessStatusCode();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await Pages.SignInAsync(page, "demo", email, Password);
        await page.WaitForURLAsync("**/t/demo");
        await Pages.WaitForInteractiveAsync(page);
        page.SetDefaultTimeout(20_000);
        return (context, page);
    }

    /// <summary>
    /// Opens <paramref name="path"/> (relative to the demo workspace), waits for the live circuit and for the page's
    /// data (its loading bar gone), checks it with axe-core.
    /// </summary>
    public static async Task ExpectAccessibleAsync(IPage page, string path)
    {
        await page.GotoAsync("/t/demo" + path);
        await Pages.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=page-loading]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await Pages.ExpectAccessibleAsync(page);
    }
}
