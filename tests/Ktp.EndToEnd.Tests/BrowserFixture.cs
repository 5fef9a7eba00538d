namespace Ktp.EndToEnd.Tests;

/// <summary>The machine's Chromium (Debian package), headless, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium)) throw new InvalidOperationException("Chromium is missing: './ktp test' installs the Debian chromium package.");
        // The suite runs several browsers and apps at once on two cores: a screen may take longer than Playwright's
        // 5 s to show what it will show. Waiting longer only slows a failing check, never passes a wrong one.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
