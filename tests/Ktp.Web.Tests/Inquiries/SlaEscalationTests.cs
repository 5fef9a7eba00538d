using Dapper;
using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>
/// A complaint is due 2 working hours after registration (Monday to Friday, 09:00–18:00 Moscow). Level 1, an hour past
/// the deadline, tells the operators who work the project; level 2, four working hours past it, tells the project group
/// manager by name.
/// </summary>
public sealed class SlaEscalationTests(ClockedKtpHost app) : IClassFixture<ClockedKtpHost>
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    private async Task<(InquiryTestKit Kit, Guid Id, DateTimeOffset Monday)> RegisterOnMondayAt14Async()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var groupManager = await UserIdAsync(kit, "pgm@demo.ktp");
        await kit.UseSlaAsync(new SlaSettings(
            [new SlaPolicyDocument(InquiryTestKit.Complaint.ToString(), null, 2, 0.5,
                [new EscalationDocument(1, [Role.Operator], []), new EscalationDocument(4, [], [groupManager.ToString()])])],
            CalendarDocument.Default));
        await using (var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(kit.Tenant.TenantId))
        {
            // operator@ works the project; operator2@ holds the same role but does not.
            await uow.ExecuteAsync("INSERT INTO project_members (project_id, user_id) SELECT @ProjectId, user_id FROM users WHERE email = 'operator@demo.ktp'",
                new { kit.ProjectId });
            await uow.CommitAsync();
        }
        var monday = NextMonday();
        AdvanceTo(monday.AddHours(14));
        using var scope = kit.As("Анна");
        var contact = await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Клиент", null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "C-9" })]));
        return (kit, contact.InquiryIds.Single(), monday);
    }

    [Fact]
    public async Task Levels_come_due_in_working_hours_past_the_deadline_and_notify_only_their_people()
    {
        var (kit, id, monday) = await RegisterOnMondayAt14Async();
        var due = monday.AddHours(16);

        await RunAtAsync(due.AddSeconds(1));
        var (state, _) = await HistoryAsync(kit, id);
        state.Breaches.Single().DueAt.ShouldBe(due);
        (await EmailsAsync(kit, id, "SLA breached")).ShouldContain("pm@demo.ktp");
        (await EmailsAsync(kit, id, "escalation")).ShouldBeEmpty();
        (await PendingEscalationTimersAsync(kit, id)).ShouldBe([1]);

        await RunAtAsync(monday.AddHours(17).AddSeconds(1));
        (state, var history) = await HistoryAsync(kit, id);
        state.SlaEscalationLevel.ShouldBe(1);
        var first = history.Select(h => h.Event).OfType<SlaEscalated>().ShouldHaveSingleItem();
        (first.Step, first.DueAt, first.Level).ShouldBe(("first_line", due, 1));
        first.Notified.ShouldBe(["Анна Иванова"]);
        history.ShouldContain(h => h.Summary == "Escalated to level 1: Анна Иванова.");
        (await EmailsAsync(kit, id, "level 1")).ShouldBe(["operator@demo.ktp"]);

        // Level 2 is four working hours past 16:00 on Monday: two that evening and two on Tuesday morning.
        await RunAtAsync(monday.AddHours(23));
        (await HistoryAsync(kit, id)).State.SlaEscalationLevel.ShouldBe(1);
        await RunAtAsync(monday.AddDays(1).AddHours(11).AddSeconds(1));
        (state, history) = await HistoryAsync(kit, id);
        state.SlaEscalationLevel.ShouldBe(2);
        history.Select(h => h.Event).OfType<SlaEscalated>().Select(e => e.Level).ShouldBe([1, 2]);
        (await EmailsAsync(kit, id, "level 2")).ShouldBe(["pgm@demo.ktp"]);
        (await PendingEscalationTimersAsync(kit, id)).ShouldBeEmpty();

        using var manager = kit.As("Мария", manager: true);
        (await manager.ServiceProvider.GetRequiredService<SlaMonitoring>().BreachedAsync(kit.ProjectId)).Single().SlaEscalationLevel.ShouldBe(2);
        var backOffice = await manager.ServiceProvider.GetRequiredService<InquirySearch>().SearchAsync(new InquiryFilter { ProjectId = kit.ProjectId });
        backOffice.Rows.Single().SlaEscalationLevel.ShouldBe(2);
    }

    [Fact]
    public async Task Closing_the_inquiry_stops_its_escalation()
    {
        var (kit, id, monday) = await RegisterOnMondayAt14Async();
        await RunAtAsync(monday.AddHours(17).AddSeconds(1));
        (await HistoryAsync(kit, id)).State.SlaEscalationLevel.ShouldBe(1);
        (await PendingEscalationTimersAsync(kit, id)).ShouldBe([2]);

        using (var anna = kit.As("Анна"))
        {
            var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
            await work.TakeAsync(id);
            await work.CloseAsync(id, "Solved after all");
        }
        await RunAtAsync(monday.AddDays(2));

        var (state, history) = await HistoryAsync(kit, id);
        state.SlaEscalationLevel.ShouldBe(1);
        history.Select(h => h.Event).OfType<SlaEscalated>().ShouldHaveSingleItem();
        (await EmailsAsync(kit, id, "level 2")).ShouldBeEmpty();
        (await PendingEscalationTimersAsync(kit, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reopened_inquiry_gets_its_steps_deadline_again_and_is_breached_and_escalated_on_it()
    {
        var (kit, id, monday) = await RegisterOnMondayAt14Async();
        await RunAtAsync(monday.AddHours(17).AddSeconds(1));
        (await HistoryAsync(kit, id)).State.SlaEscalationLevel.ShouldBe(1);
        (await EmailsAsync(kit, id, "SLA breached")).ShouldNotContain("operator@demo.ktp", "nobody had it in work");
        using (var anna = kit.As("Анна"))
        {
            var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
            await work.TakeAsync(id);
            await work.CloseAsync(id, "Solved");
        }
        await RunAtAsync(monday.AddDays(1).AddHours(10));
        // The demo operator reopens it and so has it in work.
        using (var operatorUser = kit.AsUser(await UserIdAsync(kit, "operator@demo.ktp"), "Анна Иванова"))
            await operatorUser.ServiceProvider.GetRequiredService<InquiryWork>().ReopenAsync(id, "The customer called again");

        // Two working hours from Tuesday 10:00.
        var newDue = monday.AddDays(1).AddHours(12);
        var (state, _) = await HistoryAsync(kit, id);
        (state.Status, state.SlaDueAt, state.SlaEscalationLevel).ShouldBe((InquiryStatus.InWork, newDue, 0));

        await RunAtAsync(newDue.AddHours(1).AddSeconds(1));
        (state, var history) = await HistoryAsync(kit, id);
        state.Breaches.Select(b => b.DueAt).ShouldBe([monday.AddHours(16), newDue]);
        (await EmailsAsync(kit, id, "SLA breached")).Count(to => to == "operator@demo.ktp").ShouldBe(1, "the assignee is told of the new breach");
        history.Select(h => h.Event).OfType<SlaEscalated>().Select(e => (e.DueAt, e.Level)).ShouldBe([(monday.AddHours(16), 1), (newDue, 1)]);
        state.SlaEscalationLevel.ShouldBe(1);
        (await EmailsAsync(kit, id, "level 1")).ShouldBe(["operator@demo.ktp", "operator@demo.ktp"]);
        (await PendingEscalationTimersAsync(kit, id)).ShouldBe([2]);
    }

    [Fact]
    public async Task A_moved_deadline_turns_the_old_escalation_timers_into_no_ops()
    {
        var (kit, id, monday) = await RegisterOnMondayAt14Async();
        await RunAtAsync(monday.AddHours(16).AddSeconds(1));
        (await PendingEscalationTimersAsync(kit, id)).ShouldBe([1]);

        var newDue = monday.AddDays(2).AddHours(12);
        using (var manager = kit.As("Мария", manager: true))
            // Given in Moscow time, as a manager's page may give it.
            await manager.ServiceProvider.GetRequiredService<InquiryWork>().ChangeSlaAsync(id, newDue, "Customer sends the documents on Wednesday");
        await RunAtAsync(monday.AddDays(1).AddHours(12));
        var (state, history) = await HistoryAsync(kit, id);
        state.SlaEscalationLevel.ShouldBe(0);
        history.Select(h => h.Event).OfType<SlaEscalated>().ShouldBeEmpty();
        (await EmailsAsync(kit, id, "escalation")).ShouldBeEmpty();

        await RunAtAsync(newDue.AddHours(1).AddSeconds(1));
        (state, history) = await HistoryAsync(kit, id);
        state.Breaches.Select(b => b.DueAt).ShouldBe([monday.AddHours(16), newDue]);
        var escalated = history.Select(h => h.Event).OfType<SlaEscalated>().ShouldHaveSingleItem();
        (escalated.DueAt, escalated.Level).ShouldBe((newDue, 1));
        (await EmailsAsync(kit, id, "level 1")).ShouldBe(["operator@demo.ktp"]);
    }

    private DateTimeOffset NextMonday()
    {
        var today = app.Clock.GetUtcNow().ToOffset(Moscow).Date;
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return new DateTimeOffset(today.AddDays(days == 0 ? 7 : days), Moscow);
    }

    private void AdvanceTo(DateTimeOffset moment) => app.Clock.Advance(moment - app.Clock.GetUtcNow());

    /// <summary>Moves the clock to <paramref name="moment"/> and runs every message scheduled by then (and what they send).</summary>
    private async Task RunAtAsync(DateTimeOffset moment)
    {
        AdvanceTo(moment);
        await app.RunDueAsync(moment);
    }

    private async Task<(Inquiry State, IReadOnlyList<HistoryEntry> History)> HistoryAsync(InquiryTestKit kit, Guid id)
    {
        using var reader = kit.As("reader");
        return await reader.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
    }

    /// <summary>Recipients of the inquiry's delivered e-mails whose subject contains <paramref name="subject"/>.</summary>
    private async Task<List<string>> EmailsAsync(InquiryTestKit kit, Guid id, string subject) =>
        (await app.MailAsync(kit.Tenant.TenantId))
            .Where(m => m.Subject.Contains(id.ToString()) && m.Subject.Contains(subject)).Select(m => m.To).Order(StringComparer.Ordinal).ToList();

    private async Task<List<int>> PendingEscalationTimersAsync(InquiryTestKit kit, Guid id) =>
        (await app.ScheduledAsync<SlaEscalationDue>(kit.Tenant.TenantId)).Where(t => t.Message.InquiryId == id).Select(t => t.Message.Level).Order().ToList();

    private async Task<Guid> UserIdAsync(InquiryTestKit kit, string email)
    {
        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(kit.Tenant.TenantId);
        return await uow.QuerySingleAsync<Guid>("SELECT user_id FROM users WHERE email = @email", new { email });
    }
}
