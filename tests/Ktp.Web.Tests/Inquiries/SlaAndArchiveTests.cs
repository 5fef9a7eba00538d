using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class SlaAndArchiveTests(ClockedKtpHost app) : IClassFixture<ClockedKtpHost>
{
    private async Task<(InquiryTestKit Kit, Guid Id)> RegisterAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var contact = await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Клиент", null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "C-9" })]));
        return (kit, contact.InquiryIds.Single());
    }

    /// <summary>Runs every message scheduled by the test clock's now (and what those handlers send).</summary>
    private Task RunDueMessagesAsync() => app.RunDueAsync(app.Clock.GetUtcNow());

    [Fact]
    public async Task A_passed_deadline_records_a_breach_and_mails_an_escalation_notice()
    {
        var (kit, id) = await RegisterAsync();
        await RunDueMessagesAsync();
        using (var scope = kit.As("reader"))
            (await scope.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id)).State.Breaches.ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromHours(3));
        await RunDueMessagesAsync();

        using var reader = kit.As("reader");
        var (state, history) = await reader.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
        state.Breaches.Single().Step.ShouldBe("first_line");
        history.ShouldContain(h => h.Event is SlaBreached);
        (await reader.ServiceProvider.GetRequiredService<InquiryQueries>().RowAsync(id))!.SlaBreached.ShouldBeTrue();

        var notices = (await app.MailAsync(kit.Tenant.TenantId)).Where(m => m.Subject.Contains(id.ToString())).Select(m => m.To).ToList();
        notices.ShouldContain("pm@demo.ktp");

        using var manager = kit.As("Мария", manager: true);
        var monitoring = manager.ServiceProvider.GetRequiredService<SlaMonitoring>();
        (await monitoring.BreachedAsync(kit.ProjectId)).Single().InquiryId.ShouldBe(id);
        (await monitoring.ByQueueAsync(kit.ProjectId)).Single().Breached.ShouldBe(1);
    }

    [Fact]
    public async Task A_changed_deadline_moves_the_timer_and_the_old_one_fires_harmlessly()
    {
        var (kit, id) = await RegisterAsync();
        using (var manager = kit.As("Мария", manager: true))
            await manager.ServiceProvider.GetRequiredService<InquiryWork>().ChangeSlaAsync(id, app.Clock.GetUtcNow().AddDays(2), "Customer asked to wait for documents");
        app.Clock.Advance(TimeSpan.FromHours(3));
        await RunDueMessagesAsync();
        using var reader = kit.As("reader");
        (await reader.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id)).State.Breaches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Closed_inquiries_are_archived_after_the_project_period_and_still_read_back()
    {
        var (kit, id) = await RegisterAsync();
        using (var anna = kit.As("Анна"))
        {
            var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
            await work.TakeAsync(id);
            await work.CloseAsync(id, "Solved on the first call");
        }
        app.Clock.Advance(TimeSpan.FromDays(2));
        var archiver = app.Services.GetRequiredService<InquiryArchiver>();
        var moved = 0;
        for (var i = 0; i < 50 && moved == 0; i++)
        {
            moved = await archiver.SweepAsync();
            if (moved == 0) await Task.Delay(200); // the projections must pass the archived event first
        }
        moved.ShouldBeGreaterThan(0);

        await using (var owner = app.Database.OpenOwner())
        {
            (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @id AND NOT is_archived", new { id })).ShouldBe(0);
            (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @id AND is_archived", new { id })).ShouldBeGreaterThan(3);
        }
        using var reader = kit.As("reader");
        var (state, history) = await reader.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
        state.Status.ShouldBe(InquiryStatus.Archived);
        history.Last().Event.ShouldBeOfType<InquiryArchived>();
        (await Should.ThrowAsync<InquiryException>(() => reader.ServiceProvider.GetRequiredService<InquiryWork>().ReopenAsync(id, "too late"))).Message.ShouldContain("rchived");
    }
}
