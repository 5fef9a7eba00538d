using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>SLA timers follow from the events: whatever path appends a new deadline, its timer is scheduled with it.</summary>
public sealed class SlaTimerTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Any_append_that_sets_a_deadline_schedules_its_timer_and_a_closed_inquiry_gets_none()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        Guid id;
        using (var scope = kit.As("Анна"))
            id = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                kit.ProjectId, null, new NewCustomer("Таймер", null, null, null, null), "in", "phone", null,
                [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "T-1" })]))).InquiryIds[0];
        var registered = (await app.ScheduledAsync<SlaDeadlineDue>(kit.Tenant.TenantId)).Where(t => t.Message.InquiryId == id).ToList();
        registered.Count.ShouldBe(1, "registration queued it with a deadline");

        // A path that knows nothing of timers: the stream itself, moving the inquiry to another queue with a new deadline.
        var stream = app.Services.GetRequiredService<InquiryStream>();
        var newDue = DateTimeOffset.UtcNow.AddHours(5).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));
        await using (var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(kit.Tenant.TenantId))
        {
            await stream.DecideAsync(uow, id, EventMetadata.System, default,
                new QueueInquiry("tech", "second_line", newDue, Actor.System, DateTimeOffset.UtcNow));
            await uow.CommitAsync();
        }
        var timers = (await app.ScheduledAsync<SlaDeadlineDue>(kit.Tenant.TenantId)).Where(t => t.Message.InquiryId == id).Select(t => t.Message.DueAt).ToList();
        timers.ShouldContain(newDue);

        var answered = Guid.Empty;
        using (var scope = kit.As("Анна"))
            answered = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                kit.ProjectId, null, new NewCustomer("Сразу", null, null, null, null), "in", "phone", null,
                [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "T-2" }, AnsweredNow: "Answered")]))).InquiryIds[0];
        (await app.ScheduledAsync<SlaDeadlineDue>(kit.Tenant.TenantId)).ShouldNotContain(t => t.Message.InquiryId == answered, "closed at once: no deadline to watch");
    }
}
