using System.Text.Json;
using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.EndToEnd.Tests.Accessibility;
using Ktp.Infrastructure.Events;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>
/// The operator's day as the product owner's issue describes it (Russian, 1366 px): find the caller by surname or by a
/// phone written any way, register, get a clean form for the next caller, take the inquiry, comment, attach, close; the
/// history speaks in words, not codes; the pages pass axe.
/// </summary>
public sealed class OperatorWorkplaceTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private static readonly TopicId Claim = TopicId.From(Guid.Parse("e2e00000-0000-0000-0000-000000000021"));

    /// <summary>
    /// A project with one topic and a one-queue route, the demo operator as a member, and known customers: Мария Кузьмина
    /// (VIP, registered twice by mistake: two rows of one person) and Олег Кузьминов.
    /// </summary>
    private async Task<Guid> CreateProjectAsync()
    {
        var projectId = Guid.NewGuid();
        var topics = new TopicConfiguration([], [new Topic(Claim, null, "Претензия по счёту", TopicKind.Complaint)
        {
            Attributes = [new AttributeDefinition("contract", "Номер договора", AttributeType.String)],
        }]);
        var route = new RouteDefinition("claims", "Claims", 1, "first_line",
        [
            new ProcessDefinition("first_line", "Первая линия", [new QueueDefinition("general", "Общая")], [], "general", [], Transition.Close),
        ]);
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO projects (tenant_id, project_id, name, route_id) SELECT tenant_id, @projectId, 'AAA E2E operator day', 'claims' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by) SELECT tenant_id, @projectId, 'topics', 1, @topics::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_routes (tenant_id, project_id, route_id, version, definition, published_by) SELECT tenant_id, @projectId, 'claims', 1, @route::jsonb, 'e2e' FROM tenants WHERE slug = 'demo';
            INSERT INTO project_members (tenant_id, project_id, user_id) SELECT tenant_id, @projectId, user_id FROM users WHERE email = 'operator@demo.ktp';
            INSERT INTO customers (tenant_id, customer_id, name, phone, contract, vip, created_at)
            SELECT tenant_id, gen_random_uuid(), c.name, c.phone, c.contract, c.vip, now() - c.age FROM tenants,
              (VALUES ('Мария Кузьмина', '+79161234567', 'Д-5501', true, interval '2 days'),
                      ('Мария Кузьмина', '+79161234567', 'Д-5501', true, interval '1 day'),
                      ('Олег Кузьминов', '+79037654321', 'Д-5502', false, interval '1 day')) c(name, phone, contract, vip, age)
            WHERE slug = 'demo';
            """, new { projectId, topics = JsonSerializer.Serialize(topics, EventTypeRegistry.Json), route = JsonSerializer.Serialize(route, EventTypeRegistry.Json) });
        return projectId;
    }

    /// <summary>What a MudSelect shows (its input holds the value, not the text).</summary>
    private static ILocator Shown(IPage page, string select) =>
        page.Locator(select).Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]");

    /// <summary>A notice (snackbar) says <paramref name="text"/>; saving may take a while on a loaded machine.</summary>
    private static Task ExpectNoticeAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = text }).First).ToBeVisibleAsync(new() { Timeout = 20_000 });

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.FillAsync("#customer-search", text);
        await page.PressAsync("#customer-search", "Enter");
    }

    private static async Task RegisterAsync(IPage page)
    {
        await Pages.ChooseAsync(page, "#topic", "Претензия по счёту");
        await page.ClickAsync("#register-submit");
        await ExpectNoticeAsync(page, "Зарегистрировано обращений: 1");
    }

    /// <summary>Nothing of the previous caller is left on the form.</summary>
    private static async Task ExpectBlankFormAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#customer-search")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("[data-testid=selected-customer]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=customers-found]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#customer-phone")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#customer-contract")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#topic")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task An_operator_finds_callers_by_surname_and_by_a_phone_written_another_way_registers_takes_comments_and_closes()
    {
        var projectId = await CreateProjectAsync();
        var (context, page) = await DemoPages.SignInAsync(browser, app, "operator@demo.ktp");
        await using var _ = context;
        page.SetDefaultNavigationTimeout(60_000); // the first visit of a page on a busy machine
        try
        {
            await page.GotoAsync("/t/demo/work");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(Shown(page, "#project")).ToContainTextAsync("AAA E2E operator day");

            // A surname finds both Кузьмины; Мария, stored twice, is listed once. Enter searches what was typed.
            await SearchAsync(page, "кузьмин");
            var options = page.Locator("[data-testid=customers-found] [data-testid=customer-option]");
            await Assertions.Expect(options).ToHaveCountAsync(2);
            await Assertions.Expect(options.Filter(new() { HasText = "Мария Кузьмина" })).ToHaveCountAsync(1);
            await Assertions.Expect(options.Filter(new() { HasText = "Мария Кузьмина" })).ToContainTextAsync("+7 916 123-45-67");
            await options.Filter(new() { HasText = "Мария Кузьмина" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=selected-customer]")).ToContainTextAsync("Мария Кузьмина");
            await RegisterAsync(page);
            await ExpectBlankFormAsync(page);

            // The phone as the caller dictates it finds her too (stored as +79161234567).
            await SearchAsync(page, "8 (916) 123-45-67");
            await Assertions.Expect(page.Locator("[data-testid=selected-customer]")).ToContainTextAsync("Мария Кузьмина");
            await SearchAsync(page, "79161234567");
            await Assertions.Expect(page.Locator("[data-testid=selected-customer]")).ToContainTextAsync("Мария Кузьмина");
            await RegisterAsync(page);
            await ExpectBlankFormAsync(page);

            // Nobody by that name: the operator is told so and types the new customer in; the form is blank afterwards.
            await SearchAsync(page, "Тихомиров");
            await Assertions.Expect(page.Locator("[data-testid=nobody-found]")).ToContainTextAsync("никого не нашли");
            await page.FillAsync("#customer-name", "Лев Тихомиров");
            await page.FillAsync("#customer-phone", "+7 903 555 12 34");
            await page.FillAsync("#customer-contract", "Д-5503");
            await RegisterAsync(page);
            await ExpectBlankFormAsync(page);
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (await db.ExecuteScalarAsync<string>("SELECT phone FROM customers WHERE name = 'Лев Тихомиров'")).ShouldBe("+79035551234");

            // Take Мария's first inquiry: her card, VIP and the other inquiry show.
            await Assertions.Expect(page.Locator("[data-testid=queue-general]")).ToContainTextAsync("Общая: 3", new() { Timeout = 15_000 });
            await page.ClickAsync("[data-testid=queue-general]");
            await page.ClickAsync("#take-next");
            await ExpectNoticeAsync(page, "Взято в работу");
            var current = page.Locator("[data-testid=current-inquiry]");
            var customer = current.Locator("[data-testid=current-customer]");
            await Assertions.Expect(customer).ToContainTextAsync("Мария Кузьмина", new() { Timeout = 15_000 });
            await Assertions.Expect(customer).ToContainTextAsync("+7 916 123-45-67");
            await Assertions.Expect(customer).ToContainTextAsync("Д-5501");
            await Assertions.Expect(customer).ToContainTextAsync("VIP");
            await Assertions.Expect(customer.Locator("[data-testid=earlier-inquiries] li")).ToHaveCountAsync(1);

            // Comment, attach, close: each says it is done.
            await page.FillAsync("#work-text", "Клиентке перезвонили");
            await page.ClickAsync("#add-comment");
            await ExpectNoticeAsync(page, "Комментарий добавлен");
            await Assertions.Expect(current.Locator("[data-testid=comments]")).ToContainTextAsync("Клиентке перезвонили");
            await page.SetInputFilesAsync("#attach-file", new FilePayload { Name = "счёт.txt", MimeType = "text/plain", Buffer = "сумма 1850"u8.ToArray() });
            await ExpectNoticeAsync(page, "Файл приложен: счёт.txt");
            await Assertions.Expect(current.Locator("[data-testid=attachments]")).ToContainTextAsync("счёт.txt");
            await page.FillAsync("#work-text", "Счёт пересчитан");
            await page.ClickAsync("#close-inquiry");
            await ExpectNoticeAsync(page, "закрыто");
            await Assertions.Expect(current).ToHaveCountAsync(0);

            // The history in Russian words: who did what, names of the queue and step, no codes.
            Guid inquiryId;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                inquiryId = await db.ExecuteScalarAsync<Guid>("SELECT inquiry_id FROM inquiries WHERE project_id = @projectId AND status = 'Closed'", new { projectId });
            await page.GotoAsync($"/t/demo/inquiries/{inquiryId}");
            await Pages.WaitForInteractiveAsync(page);
            var history = page.Locator("[data-testid=history] tbody tr");
            await Assertions.Expect(history).ToHaveCountAsync(6);
            await Assertions.Expect(history.Nth(0)).ToContainTextAsync("Зарегистрировано");
            await Assertions.Expect(history.Nth(0)).ToContainTextAsync("канал: Телефон");
            await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Очередь «Общая», шаг «Первая линия»");
            await Assertions.Expect(history.Nth(2)).ToContainTextAsync("Анна Иванова");
            await Assertions.Expect(history.Nth(2)).ToContainTextAsync("Взято в работу");
            await Assertions.Expect(history.Nth(3)).ToContainTextAsync("Клиентке перезвонили");
            await Assertions.Expect(history.Nth(4)).ToContainTextAsync("Приложен файл");
            await Assertions.Expect(history.Nth(5)).ToContainTextAsync("Обращение закрыто");
            var text = string.Join("\n", await history.AllInnerTextsAsync());
            foreach (var code in new[] { "inquiry.", "first_line", "general", "phone", "Complaint", "contract" }) text.ShouldNotContain(code);
            await Assertions.Expect(page.Locator("[data-testid=state-status]")).ToHaveTextAsync("Закрыто");
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "operator-day-" + projectId.ToString("N")[..6], app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_workplace_its_inquiry_lists_and_an_inquiry_pass_axe_for_the_demo_operator_in_Russian()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "operator@demo.ktp");
        await using var _ = context;
        page.SetDefaultNavigationTimeout(60_000); // the first visit of a page on a busy machine
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "/work");
            if (!(await Shown(page, "#project").InnerTextAsync()).Contains("Горячая линия Ромашка", StringComparison.Ordinal))
                await Pages.ChooseAsync(page, "#project", "Горячая линия Ромашка");

            // A queue's list and an inquiry open in the panel.
            await page.Locator("[data-testid=queues] button[data-testid^=queue-]").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=queue-list] tbody tr").First).ToBeVisibleAsync();
            await page.Locator("[data-testid=my-work-list] tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=current-customer]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);

            // Nobody found, and the required-field errors of the registration form.
            await SearchAsync(page, "Никтоникович");
            await Assertions.Expect(page.Locator("[data-testid=nobody-found]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);

            var href = await page.Locator("[data-testid=my-work-list] tbody tr a").First.GetAttributeAsync("href");
            await page.GotoAsync(href!);
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=history] tbody tr").First).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "operator-a11y", app.Output);
            throw;
        }
    }
}
