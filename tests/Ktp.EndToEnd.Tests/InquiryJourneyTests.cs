using System.Text.Json;
using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Events;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

public sealed class InquiryJourneyTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private static readonly TopicId Claim = TopicId.From(Guid.Parse("e2e00000-0000-0000-0000-000000000001"));

    /// <summary>A project whose topic requires a contract number, with a one-queue-per-step route, and the demo operator as a member.</summary>
    private async Task<Guid> CreateProjectAsync()
    {
        var projectId = Guid.NewGuid();
        var topics = new TopicConfiguration([], [new Topic(Claim, null, "Претензия по счёту", TopicKind.Complaint)
        {
            Attributes = [new AttributeDefinition("contract", "Номер договора", AttributeType.String) { Required = FlagRule.Always }],
        }]);
        var route = new RouteDefinition("claims", "Claims", 1, "first_line",
        [
            new ProcessDefinition("first_line", "Первая линия", [new QueueDefinition("general", "Общая")], [], "general", [], Transition.Close),
        ]);
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO projects (tenant_id, project_id, name, route_id) SELECT tenant_id, @projectId, 'AAA E2E line', 'claims' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by) SELECT tenant_id, @projectId, 'topics', 1, @topics::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_routes (tenant_id, project_id, route_id, version, definition, published_by) SELECT tenant_id, @projectId, 'claims', 1, @route::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_members (tenant_id, project_id, user_id) SELECT tenant_id, @projectId, user_id FROM users WHERE email = 'operator@demo.ktp';
            """, new { projectId, topics = JsonSerializer.Serialize(topics, EventTypeRegistry.Json), route = JsonSerializer.Serialize(route, EventTypeRegistry.Json) });
        return projectId;
    }

    [Fact]
    public async Task An_operator_registers_an_inquiry_that_a_required_attribute_blocks_until_filled_takes_and_closes_it_and_sees_the_history()
    {
        var projectId = await CreateProjectAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.SetDefaultNavigationTimeout(60_000); // the first visit of a page on a busy machine
        try
        {
            await Pages.SignInAsync(page, "demo", "operator@demo.ktp", "Demo-Password-1");
            await page.WaitForURLAsync("**/t/demo");
            await page.GotoAsync("/t/demo/work");
            await Pages.WaitForInteractiveAsync(page);

            await page.FillAsync("#customer-name", "Павел Сидоров");
            await Pages.ChooseAsync(page, "#topic", "Претензия по счёту");
            await page.Locator("#attr-contract").WaitForAsync();

            // The required attribute blocks saving until it is filled.
            await page.ClickAsync("#register-submit");
            await Assertions.Expect(page.Locator("[data-testid=error-contract]")).ToHaveTextAsync("Заполните это поле.");
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @projectId", new { projectId })).ShouldBe(0);

            await page.FillAsync("#attr-contract", "Д-2026/17");
            await page.ClickAsync("#register-submit");
            await Assertions.Expect(page.Locator("[data-testid=queue-general]")).ToContainTextAsync("1", new() { Timeout = 15_000 });

            // Take it from the queue and close it.
            await page.ClickAsync("[data-testid=queue-general]");
            await page.ClickAsync("#take-next");
            await Assertions.Expect(page.Locator("[data-testid=current-inquiry]")).ToContainTextAsync("Д-2026/17");
            await page.FillAsync("#work-text", "Счёт пересчитан");
            await page.ClickAsync("#close-inquiry");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "закрыто" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=current-inquiry]")).ToHaveCountAsync(0);

            // The history shows every step, who and when.
            Guid inquiryId;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                inquiryId = await db.ExecuteScalarAsync<Guid>("SELECT inquiry_id FROM inquiries WHERE project_id = @projectId AND status = 'Closed'", new { projectId });
            await page.GotoAsync($"/t/demo/inquiries/{inquiryId}");
            await Pages.WaitForInteractiveAsync(page);
            var history = page.Locator("[data-testid=history] tbody tr");
            await Assertions.Expect(history).ToHaveCountAsync(4);
            var text = string.Join("\n", await history.AllInnerTextsAsync());
            text.ShouldContain("Анна Иванова");
            text.ShouldContain("Счёт пересчитан");
            await Assertions.Expect(page.Locator("[data-testid=state-status]")).ToHaveTextAsync("Закрыто");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "inquiry-" + projectId.ToString("N")[..6], app.Output);
            throw;
        }
    }
}
