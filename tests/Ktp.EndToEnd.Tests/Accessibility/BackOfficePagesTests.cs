using Dapper;
using Npgsql;

namespace Ktp.EndToEnd.Tests.Accessibility;

/// <summary>The back office list (filter and column chooser open too), the customer card and the system problems, in Russian.</summary>
public sealed class BackOfficePagesTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("pm@demo.ktp")]
    [InlineData("executor@demo.ktp")]
    public async Task The_back_office_the_customer_card_and_the_problems_pass_axe(string email)
    {
        var (context, page) = await DemoPages.SignInAsync(browser, app, email);
        await using var _ = context;
        try
        {
            await DemoPages.ExpectAccessibleAsync(page, "/backoffice");
            await Assertions.Expect(page.Locator("[data-testid=backoffice-list] tbody tr").First).ToBeVisibleAsync();
            await page.Locator("[data-testid=filter-toggle] .mud-expand-panel-header").ClickAsync();
            await Assertions.Expect(page.Locator("#filter-numbers")).ToBeVisibleAsync();
            await page.ClickAsync("#column-chooser");
            await Assertions.Expect(page.Locator("[data-testid=column-choices]")).ToBeVisibleAsync();
            await Pages.ExpectAccessibleAsync(page);
            await HeadingsInOrderAsync(page);

            Guid customerId;
            await using (var db = new NpgsqlConnection(app.OwnerConnectionString))
                customerId = await db.QuerySingleAsync<Guid>("SELECT customer_id FROM inquiries WHERE customer_id IS NOT NULL ORDER BY number LIMIT 1");
            await DemoPages.ExpectAccessibleAsync(page, $"/customers/{customerId}");
            await Assertions.Expect(page.Locator("[data-testid=customer-inquiries] tbody tr").First).ToBeVisibleAsync();
            await HeadingsInOrderAsync(page);

            await DemoPages.ExpectAccessibleAsync(page, "/problems");
            await HeadingsInOrderAsync(page);
        }
        catch
        {
            await Pages.ScreenshotOnFailureAsync(page, "a11y-backoffice-" + email.Split('@')[0], app.Output);
            throw;
        }
    }

    /// <summary>One h1, and no heading skips a level.</summary>
    private static async Task HeadingsInOrderAsync(IPage page)
    {
        var levels = (await page.Locator("main h1, main h2, main h3, main h4, main h5, main h6").EvaluateAllAsync<int[]>("hs => hs.map(h => +h.tagName[1])")).ToList();
        levels.Count(l => l == 1).ShouldBe(1, page.Url);
        levels.Zip(levels.Skip(1)).ShouldAllBe(p => p.Second <= p.First + 1, page.Url);
    }
}
