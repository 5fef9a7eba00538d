using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;

namespace Ktp.Infrastructure.Inquiries;

public sealed record SlaDeadlineDue(Guid InquiryId, DateTimeOffset DueAt);

/// <summary>
/// A deadline is a message scheduled for the deadline. When it fires and the inquiry is still open on that
/// same deadline, the breach is recorded on the inquiry, the assignee and the project's managers are notified,
/// and the policy's escalation levels start (<see cref="SlaEscalationTimer"/>).
/// </summary>
[WolverineHandler]
public sealed class SlaTimer(KtpDatabase db, InquiryStream inquiries, SlaEscalationTimer escalations, SlaNotices notices, TimeProvider clock)
{
    /// <summary>The route step a deadline belongs to: its process, or "registration" before the first queue.</summary>
    public static string StepOf(Inquiry state) => state.ProcessCode ?? "registration";

    /// <summary>One timer per inquiry and deadline, however many callers set it.</summary>
    public static string KeyOf(Guid inquiryId, DateTimeOffset due) => $"sla:{inquiryId:N}:{due.UtcTicks}";

    /// <summary>
    /// Called by <see cref="InquiryStream"/> with every append, so no caller can forget a timer: when the events set a
    /// deadline (a new queue, a changed SLA, a reopening), the deadline they leave an open inquiry with is scheduled.
    /// </summary>
    public static async Task ScheduleForAsync(UnitOfWork uow, Guid inquiryId, Inquiry after, IEnumerable<object> decided, CancellationToken ct)
    {
        if (!decided.Any(e => e is InquiryQueued or SlaChanged or InquiryReopened)) return;
        if (after.Status is InquiryStatus.Closed or InquiryStatus.Archived || after.SlaDueAt is not { } due) return;
        await uow.ScheduleOnceAsync(KeyOf(inquiryId, due), new SlaDeadlineDue(inquiryId, due), due, ct: ct);
    }

    public async Task HandleAsync(SlaDeadlineDue timer, Envelope envelope, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(MessageTenant.Of(envelope), ct);
        var (state, _) = await inquiries.LoadAsync(uow, timer.InquiryId, ct: ct);
        if (state.Status is InquiryStatus.Closed or InquiryStatus.Archived || state.SlaDueAt != timer.DueAt) return;
        var now = clock.GetUtcNow();
        var step = StepOf(state);
        var decided = await inquiries.DecideAsync(uow, timer.InquiryId, new EventMetadata(UserName: "sla", CorrelationId: Guid.NewGuid()), ct,
            new RecordSlaBreach(step, timer.DueAt, now, Actor.System, now));
        if (decided.Count > 0) await notices.BreachAsync(uow, state, step, timer.DueAt, ct);
        await escalations.EscalateAsync(uow, timer.InquiryId, timer.DueAt, ct);
        await uow.CommitAsync(ct);
    }
}
