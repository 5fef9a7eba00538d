namespace Ktp.EndToEnd.Tests;

public sealed class ProjectConfigTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_adds_a_topic_with_a_required_attribute_and_finds_it_after_a_reload()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await Pages.SignInAsync(page, "demo", "pm@demo.ktp", "Demo-Password-1");
            await page.WaitForURLAsync("**/t/demo");
            await page.GotoAsync("/t/demo/projects");
            await Pages.WaitForInteractiveAsync(page);
            var row = page.Locator("[data-testid=projects-grid] tr", new() { HasText = "Горячая линия Ромашка" });
            await row.Locator("a[href$='/topics']").ClickAsync();
            await page.WaitForURLAsync("**/topics");
            await Pages.WaitForInteractiveAsync(page);

            // A new topic in the "Возвраты" group with a required text attribute
            await page.Locator("[data-testid=tree-group]", new() { HasText = "Возвраты" }).ClickAsync();
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возвраты");
            await page.ClickAsync("#add-topic");
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync(""); // the new topic's editor replaced the group's
            await page.FillAsync("#node-name", "Возврат за неоказанную услугу");
            await page.ClickAsync("#add-attribute");
            await page.FillAsync("#attr-code-0", "service_period");
            await page.FillAsync("#attr-label-0", "Период без услуги");
            await page.Locator("[data-testid=flag-required-0]").GetByText("Да", new() { Exact = true }).ClickAsync();
            await page.ClickAsync("#save-topics");
            await Assertions.Expect(page.Locator("[data-testid=topics-version]")).ToContainTextAsync("Мария Смирнова");

            // After a reload the topic is in the tree, under its group, with its attribute still required
            await page.ReloadAsync();
            await Pages.WaitForInteractiveAsync(page);
            var topic = page.Locator("[data-testid=topic-tree] li", new() { HasText = "Возвраты" }).Locator("[data-testid=tree-topic]", new() { HasText = "Возврат за неоказанную услугу" });
            await topic.ClickAsync();
            await Assertions.Expect(page.Locator("#node-name")).ToHaveValueAsync("Возврат за неоказанную услугу");
            await Assertions.Expect(page.Locator("[data-testid=attribute-0]")).ToContainTextAsync("Период без услуги");
            await page.Locator("[data-testid=attribute-0] .attribute-header").ClickAsync();
            await Assertions.Expect(page.Locator("#attr-code-0")).ToHaveValueAsync("service_period");
            await Assertions.Expect(page.Locator("[data-testid=flag-required-0]").GetByRole(AriaRole.Radio, new() { Name = "Да", Exact = true })).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("[data-testid=flag-required-0] input[type=radio]:checked")).ToHaveCountAsync(1);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "project-config", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_project_manager_adds_an_escalation_level_to_an_sla_policy_and_finds_it_after_a_reload()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await Pages.SignInAsync(page, "demo", "pm@demo.ktp", "Demo-Password-1");
            await page.WaitForURLAsync("**/t/demo");
            await page.GotoAsync("/t/demo/projects/d3e00000-0000-4000-8000-000000000001/sla");
            await Pages.WaitForInteractiveAsync(page);

            // The demo refund policy of the second line escalates, at its second level, to the project group manager by name
            await Assertions.Expect(page.Locator("[data-testid=escalations-6]")).ToContainTextAsync("Олег Кузнецов");

            // The first policy gets a level that tells the project group managers
            await page.ClickAsync("#add-escalation-0");
            await Pages.ChooseAsync(page, "#escalation-0-1-roles", "Менеджер группы проектов");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-sla");
            await Assertions.Expect(page.Locator("[data-testid=sla-version]")).ToContainTextAsync("Мария Смирнова");

            await page.ReloadAsync();
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=escalations-0]")).ToContainTextAsync("Менеджер группы проектов");
            await Assertions.Expect(page.Locator("[data-testid=escalations-0]")).ToContainTextAsync("Уровень 1: через");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "sla-escalation", app.Output);
            throw;
        }
    }
}
