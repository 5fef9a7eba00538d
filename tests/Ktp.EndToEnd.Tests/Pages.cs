using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

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

    /// <summary>Picks <paramref name="item"/> in a MudSelect/MudAutocomplete found by <paramref name="select"/> (e.g. its InputId: "#new-role").</summary>
    public static async Task ChooseAsync(IPage page, string select, string item)
    {
        // On a loaded machine the first click may land while the list is still opening (or the select renders
        // anew and closes it); the choice counts only once the select shows it, so it is tried again until it does.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.Locator(select).Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = item }).First.ClickAsync(new() { Timeout = 8_000 });
                await page.WaitForFunctionAsync(ShowsChoiceScript, new[] { select, item }, new() { Timeout = 5_000 });
                return;
            }
            catch (System.TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private const string ShowsChoiceScript = """
        ([select, item]) => {
          const input = document.querySelector(select);
          const control = input && input.closest('.mud-input-control');
          return !!control && ((input.value || '').includes(item) || control.innerText.includes(item));
        }
        """;

    /// <summary>Answers an open confirmation (MudBlazor message box) with the button named <paramref name="button"/>.</summary>
    public static Task ConfirmAsync(IPage page, string button) =>
        page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>The short notice at the bottom of the screen (MudBlazor snackbar) says <paramref name="text"/>.</summary>
    public static Task ExpectNoticeAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = text }).First).ToBeVisibleAsync();

    /// <summary>axe-core finds no WCAG 2.1 A/AA violation on the page as it stands.</summary>
    public static async Task ExpectAccessibleAsync(IPage page)
    {
        // A notice still fading in is measured half transparent (a contrast failure nobody sees): let finite
        // animations and transitions end first; endless ones (spinners) are not waited for.
        await page.WaitForFunctionAsync("""
            () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)
            """, null, new PageWaitForFunctionOptions { Timeout = 5000 });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        result.Violations.Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ShouldBeEmpty();
    }

    public static async Task ScreenshotOnFailureAsync(IPage page, string name, string appOutput)
    {
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"ktp-e2e-{name}.log"), appOutput);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"ktp-e2e-{name}.png"), FullPage = true });
    }
}
