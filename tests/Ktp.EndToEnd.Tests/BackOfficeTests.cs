using Dapper;
using Ktp.EndToEnd.Tests.Accessibility;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>The back office as the demo project manager (inquiries.manage) and the demo executor use it, in Russian at 1366×768.</summary>
public sealed class BackOfficeTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    private static ILocator Headers(IPage page) => page.Locator("[data-testid=backoffice-list] thead th");

    private static ILocator List(IPage page) => page.Locator("[data-testid=backoffice-list] tbody");

    private static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/t/demo/backoffice");
        await Pages.WaitForInteractiveAsync(page);
        await Assertions.Expect(List(page).Locator("tr").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
    }

    [Fact]
    public async Task The_column_chooser_hides_and_shows_columns_and_each_user_keeps_their_choice_after_a_reload()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await OpenAsync(page);
            // The defaults show channel, priority, due date and registration time, and the list fits the screen.
            await Assertions.Expect(Headers(page)).ToContainTextAsync(["№", "Статус", "Тема", "Клиент", "Очередь", "Исполнитель", "Канал", "Приоритет", "Срок", "Поступило"]);
            (await FitsAsync(page)).ShouldBeTrue("the list scrolls sideways at 1366 px");

            await page.ClickAsync("#column-chooser");
            await page.Locator("[data-testid=column-Channel]").ClickAsync();
            await page.Locator("[data-testid=column-Step]").ClickAsync();
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Канал" })).ToHaveCountAsync(0);
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Шаг" })).ToHaveCountAsync(1);

            // Saved for the user: a reload (a new circuit) shows the same columns.
            await OpenAsync(page);
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Шаг" })).ToHaveCountAsync(1);
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Канал" })).ToHaveCountAsync(0);
            await Assertions.Expect(List(page)).ToContainTextAsync("Первая линия");
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
            {
                var columns = await db.QuerySingleAsync<string[]>("""
                    SELECT c.columns FROM backoffice_columns c JOIN users u ON u.user_id = c.user_id AND u.tenant_id = c.tenant_id WHERE u.email = 'pm@demo.ktp'
                    """);
                columns.ShouldContain("Step");
                columns.ShouldNotContain("Channel");
            }

            // Another user's list keeps the defaults.
            var (theirContext, theirs) = await DemoPages.SignInAsync(browser, app, "executor@demo.ktp");
            await using (theirContext)
            {
                await OpenAsync(theirs);
                await Assertions.Expect(Headers(theirs).Filter(new() { HasText = "Канал" })).ToHaveCountAsync(1);
                await Assertions.Expect(Headers(theirs).Filter(new() { HasText = "Шаг" })).ToHaveCountAsync(0);
            }

            // Back to the defaults, remembered too.
            await page.ClickAsync("#column-chooser");
            await page.ClickAsync("#columns-reset");
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Канал" })).ToHaveCountAsync(1);
            await OpenAsync(page);
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Канал" })).ToHaveCountAsync(1);
            await Assertions.Expect(Headers(page).Filter(new() { HasText = "Шаг" })).ToHaveCountAsync(0);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "backoffice-columns", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task The_list_and_the_customer_card_name_channels_priorities_statuses_and_queues_in_words_not_codes()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "executor@demo.ktp");
        await using var _ = context;
        try
        {
            await OpenAsync(page);
            var list = await List(page).InnerTextAsync();
            list.ShouldContain("Телефон");
            list.ShouldContain("Обычный");
            list.ShouldContain("Общая очередь первой линии");
            list.ShouldContain("В очереди");
            foreach (var code in new[] { "phone", "normal", "first_line", "Waiting", "InWork" }) list.ShouldNotContain(code);

            Guid customerId;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                customerId = await db.QuerySingleAsync<Guid>("SELECT customer_id FROM inquiries WHERE channel = 'phone' AND customer_id IS NOT NULL ORDER BY number LIMIT 1");
            await page.GotoAsync($"/t/demo/customers/{customerId}");
            await Pages.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Телефон"); // the card's inquiries load after the page shows
            var card = await page.Locator("main").InnerTextAsync();
            foreach (var code in new[] { "phone", "first_line", "private", "business" }) card.ShouldNotContain(code);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "backoffice-names", app.Output);
            throw;
        }
    }

    [Fact]
    public async Task A_manager_filters_links_inquiries_to_a_system_problem_after_confirming_and_resolves_it_in_a_dialog()
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, "pm@demo.ktp");
        await using var _ = context;
        try
        {
            await page.GotoAsync("/t/demo/problems");
            await Pages.WaitForInteractiveAsync(page);
            await page.FillAsync("#problem-title", "Авария на узле связи");
            await page.FillAsync("#problem-description", "Нет связи в северном районе");
            await page.ClickAsync("#problem-create");
            await Pages.ExpectNoticeAsync(page, "Системная проблема создана: Авария на узле связи");
            await Assertions.Expect(page.Locator("[data-testid=problems]")).ToContainTextAsync("Авария на узле связи");

            // The filter is folded away until asked for; the waiting inquiries are found and two of them picked.
            await OpenAsync(page);
            await Assertions.Expect(page.Locator("#filter-numbers")).ToBeHiddenAsync();
            await page.Locator("[data-testid=filter-toggle] .mud-expand-panel-header").ClickAsync();
            await Pages.ChooseAsync(page, "#filter-status", "В очереди");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#filter-apply");
            await Assertions.Expect(page.Locator("[data-testid=filter-count]")).ToContainTextAsync("1");
            var rows = List(page).Locator("tr");
            await Assertions.Expect(rows.First).ToContainTextAsync("В очереди");
            // Retried until the list has reloaded: right after "Find" the rows may still be the unfiltered ones.
            await Assertions.Expect(rows.Locator("td:nth-child(3)").Filter(new() { HasNotText = "В очереди" })).ToHaveCountAsync(0);
            var numbers = (await rows.Locator("td:nth-child(2)").AllInnerTextsAsync()).Take(2).Select(n => n.Trim()).ToList();
            foreach (var number in numbers) await page.Locator($"[data-testid=select-{number}]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=selected-count]")).ToContainTextAsync("Выбрано: 2");

            await Pages.ChooseAsync(page, "#group-operation", "Привязать к системной проблеме");
            await Pages.ChooseAsync(page, "#group-problem", "Авария на узле связи");
            await page.ClickAsync("#group-apply");
            // Nothing happens before the confirmation; cancelling leaves the inquiries unlinked.
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("обращений: 2");
            await Pages.ConfirmAsync(page, "Отмена");
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM system_problem_links")).ShouldBe(0);
            await page.ClickAsync("#group-apply");
            await Pages.ConfirmAsync(page, "Применить");
            await Pages.ExpectNoticeAsync(page, "выполнено для обращений: 2");
            await Assertions.Expect(page.Locator("[data-testid=selected-count]")).ToContainTextAsync("Выбрано: 0");

            // Resolving asks for the resolution in a dialog and lists what happened to each linked inquiry.
            await page.GotoAsync("/t/demo/problems");
            await Pages.WaitForInteractiveAsync(page);
            await page.ClickAsync("[data-testid='resolve-Авария на узле связи']");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Открытых привязанных обращений: 2");
            await page.FillAsync("#problem-resolution", "Связь восстановлена");
            await Pages.ExpectAccessibleAsync(page);
            await page.ClickAsync("#problem-resolve");
            var result = page.Locator(".mud-dialog", new() { HasText = "Привязанные обращения" });
            await Assertions.Expect(result).ToContainTextAsync("Выполнено: 2");
            foreach (var number in numbers) await Assertions.Expect(result).ToContainTextAsync(number);
            await Pages.ExpectAccessibleAsync(page);
            await page.ClickAsync("#batch-result-close");
            await Assertions.Expect(page.Locator("[data-testid=problems] tbody tr", new() { HasText = "Авария на узле связи" })).ToContainTextAsync("Связь восстановлена");
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                (await db.QueryAsync<string>("SELECT status FROM inquiries WHERE number = ANY(@n)", new { n = numbers.Select(long.Parse).ToArray() }))
                    .ShouldAllBe(s => s == "Closed");
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "backoffice-problem", app.Output);
            throw;
        }
    }

    /// <summary>The list needs no horizontal scrolling.</summary>
    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => { const c = document.querySelector('[data-testid=backoffice-list] .mud-table-container'); return c.scrollWidth <= c.clientWidth + 1; }
        """);
}
