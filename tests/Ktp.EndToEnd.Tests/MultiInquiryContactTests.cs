using System.Text.Json;
using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects.Contracts;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>One contact, two inquiries: a claim that waits in the queue and a quick consultation closed during the contact.</summary>
public sealed class MultiInquiryContactTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private static readonly TopicId Claim = TopicId.From(Guid.Parse("e2e00000-0000-0000-0000-000000000011"));
    private static readonly TopicId Tariff = TopicId.From(Guid.Parse("e2e00000-0000-0000-0000-000000000012"));

    /// <summary>
    /// A project with a claim topic that requires a contract number, a tariff question, three priorities (normal by
    /// default), one queue, and the demo operator as a member.
    /// </summary>
    private async Task<Guid> CreateProjectAsync()
    {
        var projectId = Guid.NewGuid();
        var topics = new TopicConfiguration([],
        [
            new Topic(Claim, null, "Претензия по счёту", TopicKind.Complaint)
            {
                Attributes = [new AttributeDefinition("contract", "Номер договора", AttributeType.String) { Required = FlagRule.Always }],
            },
            new Topic(Tariff, null, "Вопрос по тарифу", TopicKind.Consultation),
        ]);
        var route = new RouteDefinition("claims", "Claims", 1, "first_line",
        [
            new ProcessDefinition("first_line", "Первая линия", [new QueueDefinition("general", "Общая")], [], "general", [], Transition.Close),
        ]);
        var priorities = new PrioritiesDocument
        {
            Priorities = [new() { Code = "low", Name = "Низкий" }, new() { Code = "normal", Name = "Обычный", IsDefault = true }, new() { Code = "high", Name = "Высокий" }],
        };
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO projects (tenant_id, project_id, name, route_id) SELECT tenant_id, @projectId, 'AAA E2E several inquiries', 'claims' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by) SELECT tenant_id, @projectId, 'topics', 1, @topics::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by) SELECT tenant_id, @projectId, 'priorities', 1, @priorities::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_routes (tenant_id, project_id, route_id, version, definition, published_by) SELECT tenant_id, @projectId, 'claims', 1, @route::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_members (tenant_id, project_id, user_id) SELECT tenant_id, @projectId, user_id FROM users WHERE email = 'operator@demo.ktp';
            """, new { projectId, topics = JsonSerializer.Serialize(topics, EventTypeRegistry.Json), route = JsonSerializer.Serialize(route, EventTypeRegistry.Json),
                priorities = JsonSerializer.Serialize(priorities, EventTypeRegistry.Json) });
        return projectId;
    }

    /// <summary>What a MudSelect shows (its input holds the value, not the text).</summary>
    private static ILocator Shown(IPage page, string select) =>
        page.Locator(select).Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]");

    private static async Task ChooseAsync(IPage page, string select, string item)
    {
        // Every topic list holds the same items, and a closing list may still be open: pick from this one's list only.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Pages.ChooseAsync(page, select, item);
        await Assertions.Expect(Shown(page, select)).ToContainTextAsync(item);
    }

    [Fact]
    public async Task An_operator_registers_a_claim_and_a_quick_consultation_in_one_contact_and_the_customer_card_shows_both()
    {
        var projectId = await CreateProjectAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await Pages.SignInAsync(page, "demo", "operator@demo.ktp", "Demo-Password-1");
            await page.WaitForURLAsync("**/t/demo");
            await page.GotoAsync("/t/demo/work");
            await Pages.WaitForInteractiveAsync(page);

            await page.FillAsync("#customer-name", "Ольга Двойкина");
            await ChooseAsync(page, "#topic", "Претензия по счёту");
            await page.Locator("#attr-contract").WaitForAsync();
            // The claim is urgent; the consultation keeps the project's default priority.
            await Assertions.Expect(Shown(page, "#priority")).ToContainTextAsync("Обычный");
            await ChooseAsync(page, "#priority", "Высокий");

            // Alt+A adds the second inquiry: a tariff question answered during the contact.
            await page.Keyboard.PressAsync("Alt+KeyA");
            var second = page.Locator("[data-testid=inquiry-draft-2]");
            await second.WaitForAsync();
            await Assertions.Expect(page.Locator("#register-answered")).ToHaveCountAsync(0);
            await ChooseAsync(page, "#topic-2", "Вопрос по тарифу");
            await second.GetByText("Отвечено во время контакта").ClickAsync();
            await page.FillAsync("#answer-2", "Рассказали о тарифе «Базовый»");

            // The claim's required contract number blocks saving both.
            await page.ClickAsync("#register-submit");
            await Assertions.Expect(page.Locator("[data-testid=inquiry-draft-1] [data-testid=error-contract]")).ToBeVisibleAsync();
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @projectId", new { projectId })).ShouldBe(0);

            // Alt+S saves the contact with both inquiries; the form starts over with one empty inquiry.
            await page.FillAsync("#attr-contract", "Д-2026/42");
            await page.Keyboard.PressAsync("Alt+KeyS");
            await Assertions.Expect(page.Locator("[data-testid=queue-general]")).ToContainTextAsync("1");
            await Assertions.Expect(page.Locator("[data-testid^=inquiry-draft-]")).ToHaveCountAsync(1);

            // The claim waits in the queue; the consultation is closed.
            await page.ClickAsync("[data-testid=queue-general]");
            await Assertions.Expect(page.Locator("[data-testid=queue-list] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=queue-list]")).ToContainTextAsync("Претензия по счёту");

            Guid customerId, consultationId;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
            {
                var rows = (await db.QueryAsync<(Guid ContactId, Guid CustomerId, Guid InquiryId, string Status, string Priority)>(
                    "SELECT contact_id, customer_id, inquiry_id, status, priority FROM inquiries WHERE project_id = @projectId ORDER BY number", new { projectId })).ToList();
                rows.Select(r => r.Status).ShouldBe(["Waiting", "Closed"]);
                rows.Select(r => r.Priority).ShouldBe(["high", "normal"]);
                rows.Select(r => r.ContactId).Distinct().Count().ShouldBe(1, "both inquiries belong to one contact");
                customerId = rows[0].CustomerId;
                consultationId = rows[1].InquiryId;
            }

            // The customer card shows one contact holding both inquiries.
            await page.GotoAsync($"/t/demo/customers/{customerId}");
            await Pages.WaitForInteractiveAsync(page);
            var inquiries = page.Locator("[data-testid=customer-inquiries] tbody tr");
            await Assertions.Expect(inquiries).ToHaveCountAsync(2);
            await Assertions.Expect(inquiries.Filter(new() { HasText = "Претензия по счёту" })).ToContainTextAsync("В очереди");
            await Assertions.Expect(inquiries.Filter(new() { HasText = "Вопрос по тарифу" })).ToContainTextAsync("Закрыто");
            var contacts = page.Locator("[data-testid=customer-contacts] tbody tr");
            await Assertions.Expect(contacts).ToHaveCountAsync(1);
            await Assertions.Expect(contacts).ToContainTextAsync("2");

            // The consultation's history records the answer given during the contact.
            await page.GotoAsync($"/t/demo/inquiries/{consultationId}");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("Рассказали о тарифе «Базовый»");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "multi-inquiry-" + projectId.ToString("N")[..6], app.Output);
            throw;
        }
    }
}
