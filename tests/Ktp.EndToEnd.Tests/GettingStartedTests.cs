using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Inquiries;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>
/// A new tenant's getting-started checklist, from sign-up to the first inquiry: every step ticks itself from what the
/// workspace really has. The project, its topics and its route are written the way the project pages store them (those
/// pages belong to the Projects screens); operators are invited through the Users page, the first inquiry comes through
/// the HTTP API with a key made on the API keys page. The checklist is read in the browser after each step.
/// </summary>
public sealed class GettingStartedTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private const string Password = "Journey-Password-7";
    private static readonly TopicId Question = TopicId.From(Guid.Parse("9e7d0000-0000-0000-0000-000000000001"));

    [Fact]
    public async Task The_checklist_ticks_from_sign_up_to_the_first_inquiry_and_the_invited_operator_sets_a_password()
    {
        var slug = "start-" + Guid.NewGuid().ToString("N")[..6];
        await using var adminContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await using var operatorContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await adminContext.NewPageAsync();
        var op = await operatorContext.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        op.SetDefaultTimeout(20_000);
        try
        {
            // A new company: nothing is done yet, and the admin may configure projects out of the box
            await Pages.SignUpAsync(page, slug, "Getting Started Ltd", "owner@start.test", Password);
            await Assertions.Expect(page.Locator("[data-testid=getting-started-progress]")).ToHaveTextAsync("0 of 5 done");
            foreach (var step in new[] { "project", "topics", "route", "operators", "inquiry" })
                await ExpectStepAsync(page, step, done: false);
            await Assertions.Expect(page.Locator("[data-testid=step-project] a")).ToHaveAttributeAsync("href", $"/t/{slug}/projects");
            var projects = await page.GotoAsync($"/t/{slug}/projects");
            projects!.Status.ShouldBe(200, "the tenant admin configures projects");
            await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("Projects");

            // 1. A project
            var tenantId = await TenantAsync(slug);
            var projectId = Guid.NewGuid();
            await ExecuteAsync("INSERT INTO projects (tenant_id, project_id, name) VALUES (@tenantId, @projectId, 'Hotline')", new { tenantId, projectId });
            await OpenDashboardAsync(page, slug);
            await ExpectStepAsync(page, "project", done: true);
            await ExpectStepAsync(page, "topics", done: false);
            await Assertions.Expect(page.Locator("[data-testid=step-topics] a")).ToHaveAttributeAsync("href", $"/t/{slug}/projects/{projectId}/topics");

            // 2. Its topics
            var topics = new TopicConfiguration([], [new Topic(Question, null, "General question", TopicKind.Consultation)]);
            await ExecuteAsync("""
                INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by) VALUES (@tenantId, @projectId, 'topics', 1, @topics::jsonb, 'e2e')
                """, new { tenantId, projectId, topics = JsonSerializer.Serialize(topics, EventTypeRegistry.Json) });
            await OpenDashboardAsync(page, slug);
            await ExpectStepAsync(page, "topics", done: true);
            await ExpectStepAsync(page, "route", done: false);

            // 3. A published route
            var route = new RouteDefinition("main", "Main", 1, "first_line",
                [new ProcessDefinition("first_line", "First line", [new QueueDefinition("general", "General")], [], "general", [], Transition.Close)]);
            await ExecuteAsync("""
                INSERT INTO project_routes (tenant_id, project_id, route_id, version, definition, published_by) VALUES (@tenantId, @projectId, 'main', 1, @route::jsonb, 'e2e');
                UPDATE projects SET route_id = 'main' WHERE tenant_id = @tenantId AND project_id = @projectId;
                """, new { tenantId, projectId, route = JsonSerializer.Serialize(route, EventTypeRegistry.Json) });
            await OpenDashboardAsync(page, slug);
            await ExpectStepAsync(page, "route", done: true);
            await Assertions.Expect(page.Locator("[data-testid=getting-started-progress]")).ToHaveTextAsync("3 of 5 done");

            // 4. An operator, invited without a password
            await page.Locator("[data-testid=step-operators] a").ClickAsync();
            await page.WaitForURLAsync($"**/t/{slug}/admin/users");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#new-email", "olga@start.test");
            await page.FillAsync("#new-name", "Olga Operator");
            await page.ClickAsync("#add-user");
            await Pages.ExpectNoticeAsync(page, "User added: Olga Operator. The invitation is sent to olga@start.test");
            var olga = page.Locator("[data-testid=users-grid] tr", new() { HasText = "olga@start.test" });
            await Assertions.Expect(olga).ToContainTextAsync("Invited");
            await olga.Locator("[data-testid=resend-invitation]").ClickAsync(); // say the first mail went to spam
            await Pages.ExpectNoticeAsync(page, "The invitation is sent again to olga@start.test");
            await OpenDashboardAsync(page, slug);
            await ExpectStepAsync(page, "operators", done: true);

            // ... who follows the link of the invitation e-mail (the development mailbox is the admin's), sets a password and signs in
            var link = await InvitationLinkAsync(page, slug, "olga@start.test", count: 2);
            await op.GotoAsync(link);
            await Assertions.Expect(op.Locator("h1")).ToHaveTextAsync("Set your password");
            await op.FillAsync("#password", "short");
            await op.ClickAsync("#reset-submit");
            await Assertions.Expect(op.Locator(".ktp-errors")).ToContainTextAsync("The password must be at least 10 characters long.");
            await op.FillAsync("#password", "Olga-Password-42");
            await op.ClickAsync("#reset-submit");
            await Assertions.Expect(op.Locator("#reset-done")).ToContainTextAsync("Your password is set.");
            await Pages.SignInAsync(op, slug, "olga@start.test", "Olga-Password-42");
            await op.WaitForURLAsync($"**/t/{slug}");
            await Pages.WaitForInteractiveAsync(op);
            await Assertions.Expect(op.Locator("[data-testid=user-name]")).ToHaveTextAsync("Olga Operator");
            await Assertions.Expect(op.Locator("[data-testid=landing-operator]")).ToContainTextAsync("Everything starts in the Workplace.");
            await Assertions.Expect(op.Locator("[data-testid=getting-started]")).ToHaveCountAsync(0);

            // 5. The first inquiry, from another system through the API with a key made on the API keys page
            await page.GotoAsync($"/t/{slug}/admin/api-keys");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#key-name", "CRM");
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Work inquiries", Exact = true }).CheckAsync();
            await page.ClickAsync("#create-key");
            var key = (await page.Locator("[data-testid=new-key]").InnerTextAsync()).Trim();
            await Pages.ExpectAccessibleAsync(page);
            using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                var response = await http.PostAsJsonAsync($"/t/{slug}/api/v1/inquiries", new RegisterContactCommand(projectId, null,
                    new NewCustomer("Peter Customer", null, null, null, null), "in", "phone", null, [new NewInquiry(Question.Value, new Dictionary<string, string?>())]));
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
            await OpenDashboardAsync(page, slug);
            await ExpectStepAsync(page, "inquiry", done: true);
            await Assertions.Expect(page.Locator("[data-testid=getting-started-progress]")).ToHaveTextAsync("5 of 5 done");
            await Assertions.Expect(page.Locator("[data-testid=getting-started-done]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, slug + "-admin", app.Output);
            await Pages.ScreenshotOnFailureAsync(op, slug + "-operator", app.Output);
            throw;
        }
    }

    private static async Task OpenDashboardAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/t/{slug}");
        await Pages.WaitForInteractiveAsync(page);
    }

    private static Task ExpectStepAsync(IPage page, string step, bool done) =>
        Assertions.Expect(page.Locator($"[data-testid=step-{step}]")).ToHaveAttributeAsync("data-done", done ? "true" : "false");

    /// <summary>The development mailbox shows the mails once the outbox delivered them (newest first); the newest link is clickable.</summary>
    private static async Task<string> InvitationLinkAsync(IPage page, string slug, string email, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GotoAsync($"/t/{slug}/dev/mailbox");
            var mail = page.Locator("[data-testid=mail]", new() { HasText = email }).Filter(new() { HasText = "Invitation to the" });
            if (await mail.CountAsync() >= count)
            {
                await Assertions.Expect(mail.First).ToContainTextAsync("Jane Admin invites you to the Getting Started Ltd workspace");
                return (await mail.First.Locator("a[href*='reset-password']").GetAttributeAsync("href"))!;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No invitation to {email} in the dev mailbox.");
            await Task.Delay(300);
        }
    }

    private async Task<Guid> TenantAsync(string slug)
    {
        await using var owner = new NpgsqlConnection(app.OwnerConnectionString);
        return await owner.ExecuteScalarAsync<Guid>("SELECT tenant_id FROM tenants WHERE slug = @slug", new { slug });
    }

    private async Task ExecuteAsync(string sql, object param)
    {
        await using var owner = new NpgsqlConnection(app.OwnerConnectionString);
        await owner.ExecuteAsync(sql, param);
    }
}
