using System.Diagnostics;
using Microsoft.Playwright;

namespace Ktp.Benchmarks.Load;

/// <summary>One signed-in operator's browser context (its own cookie, so its own circuit) on the workplace <c>/t/demo/work</c>.</summary>
public sealed class WorkplacePage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public const string Password = "Demo-Password-1";
    private const string BlazorScript = "**/_framework/blazor.web.js";

    /// <summary>Signs in through the login form; Blazor's script is held back meanwhile, so the landing page opens no circuit before the baseline.</summary>
    public static async Task<WorkplacePage> SignInAsync(IBrowser browser, string url, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        await context.RouteAsync(BlazorScript, route => route.AbortAsync());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync("/t/demo/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**/t/demo");
        await context.UnrouteAsync(BlazorScript);
        return new WorkplacePage(context, page);
    }

    /// <summary>Loads the workplace and waits until its circuit is live and the queues show; milliseconds.</summary>
    public async Task<double> OpenAsync()
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/t/demo/work");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=queue-general]").WaitForAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>"ok"; "empty" (take next found nothing); "refused: …" (the panel showed an error); "timeout" (60 s); "missing" (nothing to click).</summary>
    public Task<(string Outcome, double Ms)> ChooseQueueAsync() => RoundTripAsync("[data-testid=queue-general]", "queue", "");

    public Task<(string Outcome, double Ms)> TakeNextAsync() => RoundTripAsync("#take-next", "take", "");

    public async Task<(string Outcome, double Ms)> CommentAsync()
    {
        var text = $"load comment {Guid.NewGuid():N}"[..24];
        // Typing is itself a round trip (the button enables once the server has the text); it is not the one timed.
        await page.FillAsync("#work-text", text);
        await page.Locator("#add-comment:not([disabled])").WaitForAsync();
        return await RoundTripAsync("#add-comment", "comment", text);
    }

    public async Task<(string Outcome, double Ms)> CloseAsync()
    {
        // The comment shows while the panel is still busy; the button enables a render later.
        await page.Locator("#close-inquiry:not([disabled])").WaitForAsync();
        return await RoundTripAsync("#close-inquiry", "close", "");
    }

    // Clicks in the page and times, with the page's own clock, until a DOM mutation shows the result: Playwright's
    // messages to the browser are not in the number.
    private async Task<(string Outcome, double Ms)> RoundTripAsync(string selector, string kind, string text)
    {
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(RoundTripScript, new object[] { selector, kind, text, 60_000 });
        return (result[0].GetString()!, result[1].GetDouble());
    }

    private const string RoundTripScript = """
        ([selector, kind, text, timeout]) => new Promise(resolve => {
          let emptyNotice = false, refused = null;
          const heading = () => { const h = document.querySelector('[data-testid=current-inquiry] h2'); return h ? h.textContent : ''; };
          const before = heading();
          const check = () => {
            const panel = document.querySelector('[data-testid=current-inquiry]');
            if (refused) return 'refused: ' + refused;
            switch (kind) {
              case 'queue': return document.querySelector('[data-testid=queue-general][aria-pressed=true]') ? 'ok' : null;
              case 'take': return heading() && heading() !== before ? 'ok' : emptyNotice ? 'empty' : null;
              case 'comment': { const c = document.querySelector('[data-testid=comments]'); return c && c.textContent.includes(text) ? 'ok' : null; }
              case 'close': return panel ? null : 'ok';
            }
          };
          const start = performance.now();
          const finish = outcome => { observer.disconnect(); clearTimeout(timer); resolve([outcome, performance.now() - start]); };
          const observer = new MutationObserver(mutations => {
            for (const m of mutations) for (const n of m.addedNodes) {
              const notice = n.nodeType === 1 && (n.matches('.mud-snackbar') ? n : n.querySelector('.mud-snackbar'));
              if (notice && notice.className.includes('info')) emptyNotice = true;
              const error = n.nodeType === 1 && (n.matches('.ktp-errors') ? n : n.querySelector('.ktp-errors'));
              if (error) refused = error.textContent.trim().slice(0, 80);
            }
            const outcome = check();
            if (outcome) finish(outcome);
          });
          const timer = setTimeout(() => finish(document.querySelector('#components-reconnect-modal, #blazor-error-ui[style*=block]') ? 'timeout (circuit lost)' : 'timeout'), timeout);
          const target = document.querySelector(selector);
          if (!target || target.disabled) { finish('missing'); return; }
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          target.click();
        })
        """;

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
