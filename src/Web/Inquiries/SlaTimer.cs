using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Outbox;

namespace Ktp.Web.Inquiries;

public sealed record SlaTimerPayload(Guid InquiryId, DateTimeOffset DueAt);

/// <summary>
/// A deadline is an outbox row due at the deadline. When it fires and the inquiry is still open on that
/// same deadline, the breach is recorded on the inquiry, the assignee and the project's managers are notified,
/// and the policy's escalation levels start (<see cref="SlaEscalationTimer"/>).
/// </summary>
public sealed class SlaTimer(KtpDatabase db, InquiryStream inquiries, SlaEscalationTimer escalations, TimeProvider clock) : IOutboxHandler
{
    public const string KindName = "inquiry.sla_due";

    public string Kind => KindName;

    /// <summary>The route step a deadline belongs to: its process, or "registration" before the first queue.</summary>
    public static string StepOf(Inquiry state) => state.ProcessCode ?? "registration";

    public static async Task ScheduleAsync(UnitOfWork uow, Guid inquiryId, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
            await uow.EnqueueAsync(KindName, new SlaTimerPayload(inquiryId, due), due, dedupeKey: $"{inquiryId:N}:{due.UtcTicks}");
    }

    /// <summary>Schedules the deadlines that <paramref name="decided"/> events set: a new queue, a changed SLA, a reopening.</summary>
    public static async Task ScheduleForAsync(UnitOfWork uow, Guid inquiryId, IEnumerable<object> decided)
    {
        foreach (var e in decided)
        {
            var due = e switch
            {
                InquiryQueued queued => queued.SlaDueAt,
                SlaChanged changed => changed.NewDueAt,
                InquiryReopened reopened => reopened.SlaDueAt,
                _ => null,
            };
            await ScheduleAsync(uow, inquiryId, due);
        }
    }

    public async Task HandleAsync(OutboxMessage message, UnitOfWork workerUow, CancellationToken ct)
    {
        var timer = message.Read<SlaTimerPayload>();
        await using var uow = await db.BeginTenantAsync(message.TenantId, ct);
        var (state, _) = await inquiries.LoadAsync(uow, timer.InquiryId, ct: ct);
        if (state.Status is InquiryStatus.Closed or InquiryStatus.Archived || state.SlaDueAt != timer.DueAt) return;
        var now = clock.GetUtcNow();
        var step = StepOf(state);
        var decided = await inquiries.DecideAsync(uow, timer.InquiryId, new EventMetadata(UserName: "sla", CorrelationId: Guid.NewGuid()), ct,
            new RecordSlaBreach(step, timer.DueAt, now, Actor.System, now));
        if (decided.Count > 0) await SlaNotices.BreachAsync(uow, state, step, timer.DueAt);
        await escalations.EscalateAsync(uow, timer.InquiryId, timer.DueAt, ct);
        await uow.CommitAsync(ct);
    }
}
