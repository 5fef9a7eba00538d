namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>
/// The demo project manager signed in, as <see cref="DemoPages.SignInAsync"/> does, but patient with a cold app on a
/// loaded machine: the first page and the sign-in (password hashing) may take longer than a step.
/// </summary>
public static class ProjectManagerSession
{
    public static async Task<(IBrowserContext Context, IPage Page)> SignInAsync(BrowserFixture browser, AppProcess app)
    {
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(90) })
            (await http.GetAsync("/t/demo/login")).EnsureSuccessStatusCode();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await Pages.SignInAsync(page, "demo", "pm@demo.ktp", DemoPages.Password);
        await page.WaitForURLAsync("**/t/demo");
        await Pages.WaitForInteractiveAsync(page);
        page.SetDefaultTimeout(20_000);
        return (context, page);
    }
}
