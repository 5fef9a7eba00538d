using Bunit;
using Ktp.Infrastructure.Inquiries;
using Ktp.Web.Inquiries.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Components;

/// <summary>The operator's queue list (MudBlazor, Russian texts): what a row shows, what "take" hands back, paging past 15.</summary>
public sealed class InquiryListTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = RussianBunit.NewContext();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private static InquiryRow Row(long number, string? customer = null, bool breached = false, int level = 0) => new()
    {
        InquiryId = Guid.NewGuid(), Number = number, TopicName = $"Тема {number}", CustomerName = customer,
        SlaDueAt = DateTime.UtcNow.AddHours(breached ? -1 : 2), SlaBreached = breached, SlaEscalationLevel = level,
    };

    private IRenderedComponent<InquiryList> Render(IReadOnlyList<InquiryRow> rows, Action<InquiryRow>? take = null, bool escalation = false) =>
        _bunit.Render<InquiryList>(p =>
        {
            p.Add(c => c.Rows, rows).Add(c => c.Slug, "demo").Add(c => c.TestId, "queue-list").Add(c => c.ShowEscalation, escalation);
            if (take is not null) p.Add(c => c.OnTake, take);
        });

    [Fact]
    public void A_row_shows_its_number_as_a_link_the_topic_the_customer_and_a_breach()
    {
        var late = Row(7, "Ольга Васильева", breached: true);
        var list = Render([late, Row(8)]);

        var first = list.FindAll("tbody tr")[0];
        first.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/t/demo/inquiries/{late.InquiryId}");
        first.TextContent.ShouldContain("Тема 7");
        first.TextContent.ShouldContain("Ольга Васильева");
        first.TextContent.ShouldContain("Регламент нарушен");
        list.FindAll("tbody tr")[1].TextContent.ShouldNotContain("Регламент нарушен");
        list.FindAll("th").Select(h => h.TextContent).ShouldNotContain(t => t.Contains("Уровень эскалации"));
    }

    [Fact]
    public void Take_hands_back_the_row_it_was_pressed_on()
    {
        var taken = new List<InquiryRow>();
        var rows = new[] { Row(1), Row(2), Row(3) };
        var list = Render(rows, taken.Add);

        list.Find("button[aria-label='Взять обращение № 2']").Click();

        taken.ShouldBe([rows[1]]);
    }

    [Fact]
    public void Without_an_action_there_is_no_take_button_and_an_empty_list_says_so()
    {
        var list = Render([]);
        list.FindAll("button[aria-label^='Взять']").ShouldBeEmpty();
        list.Markup.ShouldContain("Пока пусто.");
    }

    [Fact]
    public void Monitoring_shows_the_escalation_level_reached()
    {
        var list = Render([Row(1, breached: true, level: 2), Row(2, breached: true)], escalation: true);

        list.FindAll("th").Select(h => h.TextContent).ShouldContain(t => t.Contains("Уровень эскалации"));
        var rows = list.FindAll("tbody tr");
        rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ShouldContain("2");
        rows[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ShouldContain("—");
    }

    [Fact]
    public void More_than_fifteen_rows_are_paged()
    {
        Render([.. Enumerable.Range(1, 15).Select(n => Row(n))]).FindAll(".mud-table-pagination-spacer").ShouldBeEmpty();

        var paged = Render([.. Enumerable.Range(1, 16).Select(n => Row(n))]);
        paged.FindAll("tbody tr").Count.ShouldBe(15);
        paged.FindAll(".mud-table-pagination-spacer").ShouldNotBeEmpty();
    }
}
