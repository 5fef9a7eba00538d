using Ktp.Web.Seed;

namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>The project configuration pages, as the demo project manager sees them in Russian.</summary>
public sealed class ProjectPagesTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_projects_list_and_the_project_editors_pass_axe()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        var project = $"/projects/{DemoProject.ProjectId}";
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "/projects");
            await DemoPages.ExpectAccessibleAsync(page, project);
            await DemoPages.ExpectAccessibleAsync(page, project + "/topics");

            // ... with a topic open, its attribute and a rule in the builder
            await page.Locator("[data-testid=tree-topic]").First.ClickAsync();
            await Assertions.Expect(page.Locator("#node-name")).Not.ToHaveValueAsync("");
            var last = await page.Locator("[data-testid^=attribute-]").CountAsync();
            await page.ClickAsync("#add-attribute");
            await page.Locator($"#attr-label-{last}").WaitForAsync();
            await page.FillAsync($"#attr-label-{last}", "Проверка");
            await page.Locator($"[data-testid=flag-required-{last}]").GetByText("Если…").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=flag-required-{last}-rule]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
            // Back as it was, so that leaving asks nothing
            await page.Locator($"[data-testid=flag-required-{last}]").GetByText("Нет", new() { Exact = true }).ClickAsync();
            await page.Locator("[data-testid=node-editor]").GetByRole(AriaRole.Button, new() { Name = "Удалить атрибут" }).Last.ClickAsync();
            await page.WaitForTimeoutAsync(1_000);

            await DemoPages.ExpectAccessibleAsync(page, project + "/route");
            await DemoPages.ExpectAccessibleAsync(page, project + "/sla");
            await DemoPages.ExpectAccessibleAsync(page, project + "/settings");
            foreach (var tab in new[] { "Категории и приоритеты", "Места контакта", "Шаблоны операторов", "VIP-клиенты" })
            {
                await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
                await Pages.ExpectAccessibleAsync(page);
            }
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-projects", app.Output);
            throw;
        }
    }
}
