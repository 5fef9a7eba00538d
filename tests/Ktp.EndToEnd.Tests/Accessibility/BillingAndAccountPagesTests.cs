namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>Billing, roles, API keys, the account pages, the landing page and the platform pages; role changes and role landings.</summary>
public sealed class BillingAndAccountPagesTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_public_and_account_pages_pass_axe_and_the_logo_is_readable()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            foreach (var path in new[] { "/", "/signup", "/login", "/t/demo/login", "/t/demo/forgot-password", "/t/demo/reset-password?invite=1&email=x%40demo.ktp&token=x" })
            {
                (await page.GotoAsync(path))!.Status.ShouldBe(200, path);
                await Pages.ExpectAccessibleAsync(page);
            }
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("[data-testid=landing-features] li")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("[data-testid=signup-link]")).ToHaveAttributeAsync("href", "/signup");
            var colors = await page.EvaluateAsync<string[]>(
                "() => { const a = document.querySelector('.ktp-account-brand'); return [getComputedStyle(a).color, getComputedStyle(a.closest('header')).backgroundColor]; }");
            colors.ShouldBe(["rgb(255, 255, 255)", "rgb(27, 79, 156)"], "white logo on the brand blue bar: 8.6:1");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-account", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task Billing_roles_api_keys_and_failed_messages_pass_axe_and_the_ledger_speaks_russian()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "admin@demo.ktp");
        await using var _ = context;
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "/billing");
            await Assertions.Expect(page.Locator("[data-testid=plan]")).ToContainTextAsync("Стандарт");
            await Assertions.Expect(page.Locator("[data-testid=ledger]")).ToContainTextAsync("Рабочие места операторов");
            await Assertions.Expect(page.Locator("[data-testid=ledger]")).Not.ToContainTextAsync("seat(s)");
            await DemoPages.ExpectAccessibleAsync(page, "/admin/roles");
            await DemoPages.ExpectAccessibleAsync(page, "/admin/api-keys");
            await DemoPages.ExpectAccessibleAsync(page, "/admin/outbox");
            // The dev mailbox is for the tenant admin (a static page: no circuit to wait for).
            (await page.GotoAsync("/t/demo/dev/mailbox"))!.Status.ShouldBe(200);
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-billing", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_platform_pages_pass_axe()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await Pages.SignInAsync(page, "platform", "admin@platform.ktp", DemoPages.Password);
            await page.WaitForURLAsync("**/t/platform");
            foreach (var path in new[] { "/platform/tenants", "/platform/revenue", "/platform/plans", "/platform/projections" })
            {
                await page.GotoAsync("/t/platform" + path);
                await Pages.WaitForInteractiveAsync(page);
                await Pages.ExpectAccessibleAsync(page);
            }
            await page.GotoAsync("/t/platform/platform/tenants");
            await Pages.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=tenants-grid] a").First.ClickAsync();
            await page.WaitForURLAsync("**/platform/tenants/*");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=tenant-balance]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-platform", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_admin_changes_the_roles_of_an_existing_user_after_confirming()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "admin@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync("/t/demo/admin/users");
            await Pages.WaitForInteractiveAsync(page);
            var row = page.Locator("[data-testid=users-grid] tr", new() { HasText = "hr@demo.ktp" });
            await Assertions.Expect(row).ToContainTextAsync("Кадровик");
            await row.GetByRole(AriaRole.Button, new() { Name = "Изменить роли пользователя Наталья Морозова" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=edit-roles-panel]")).ToContainTextAsync("Роли пользователя Наталья Морозова");
            await Pages.ChooseAsync(page, "#edit-roles", "Специалист ОКК");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator("#edit-roles")).ToHaveValueAsync("Специалист ОКК, Кадровик");
            await Pages.ExpectAccessibleAsync(page);
            await page.ClickAsync("#save-roles");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Изменить роли пользователя Наталья Морозова?");
            await Pages.ConfirmAsync(page, "Изменить роли");
            await Pages.ExpectNoticeAsync(page, "Роли пользователя Наталья Морозова изменены: Специалист ОКК, Кадровик");
            await Assertions.Expect(row).ToContainTextAsync("Специалист ОКК");
            await Assertions.Expect(row).ToContainTextAsync("Кадровик");
            await Assertions.Expect(page.Locator("[data-testid=edit-roles-panel]")).ToHaveCountAsync(0);

            // ... and she sees both roles on her dashboard when she signs in
            var (hrContext, hr) = await DemoPages.SignInAsync(browser, app, "hr@demo.ktp");
            await using var __ = hrContext;
            await Assertions.Expect(hr.Locator("[data-testid=landing-qa]")).ToBeVisibleAsync();
            await Assertions.Expect(hr.Locator("[data-testid=landing-hr]")).ToBeVisibleAsync();
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "users-roles", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task A_quality_specialist_lands_on_a_dashboard_that_says_what_they_will_do_without_made_up_numbers()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "qa@demo.ktp");
        await using var _ = context;
        try
        {
            var landing = page.Locator("[data-testid=landing-qa]");
            await Assertions.Expect(landing).ToContainTextAsync("Специалист ОКК");
            await Assertions.Expect(landing).ToContainTextAsync("Вы будете оценивать качество работы контакт-центра");
            await Assertions.Expect(landing).ToContainTextAsync("Экраны контроля качества в разработке");
            await Assertions.Expect(page.Locator("[data-testid=getting-started]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=events-count]")).ToHaveCountAsync(0);
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "qa-landing", app.Output);
            throw;
        }
    }
}
