using Ktp.Domain.Inquiries;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <param name="Level">The level the timer is set for (1 is the policy's first).</param>
public sealed record SlaEscalationDue(Guid InquiryId, DateTimeOffset DueAt, int Level);

/// <summary>
/// The escalation levels of a missed deadline, along the SLA policy of the inquiry's topic and step (as configured now).
/// Only the next level has a timer (a scheduled message). When it fires and the inquiry is still open on the same deadline,
/// every level due by then and not reached yet is recorded on the inquiry, its people are emailed, and the timer of the
/// following level is set. A closed inquiry or a moved deadline makes the timer a no-op and ends the chain.
/// </summary>
[WolverineHandler]
public sealed class SlaEscalationTimer(KtpDatabase db, InquiryStream inquiries, IProjectConfiguration projects, SlaNotices notices, TimeProvider clock)
{
    public async Task HandleAsync(SlaEscalationDue timer, Envelope envelope, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(MessageTenant.Of(envelope), ct);
        await EscalateAsync(uow, timer.InquiryId, timer.DueAt, ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>Raises the levels of deadline <paramref name="due"/> that have come due and sets the timer of the next one.</summary>
    public async Task EscalateAsync(UnitOfWork uow, Guid inquiryId, DateTimeOffset due, CancellationToken ct)
    {
        var (state, _) = await inquiries.LoadAsync(uow, inquiryId, ct: ct);
        if (state.Status is InquiryStatus.Closed or InquiryStatus.Archived || state.SlaDueAt != due) return;
        var step = SlaTimer.StepOf(state);
        var config = await projects.CurrentAsync(uow, state.ProjectId.Value);
        if (config?.Sla.Find(state.TopicId.ToString(), step) is not { } policy) return;
        var now = clock.GetUtcNow();
        var evaluation = SlaMonitor.Evaluate(due, now, policy, config.Calendar);
        if (evaluation.State != SlaState.Breached) return;

        var levels = new List<(DueEscalation Level, IReadOnlyList<SlaRecipient> People)>();
        foreach (var level in evaluation.Escalations.Where(l => l.Level > state.SlaEscalationLevel))
            levels.Add((level, await notices.RecipientsAsync(uow, state.ProjectId.Value, level.Step, ct)));
        var decided = await inquiries.DecideAsync(uow, inquiryId, new EventMetadata(UserName: "sla", CorrelationId: Guid.NewGuid()), ct,
            [.. levels.Select(l => new RecordSlaEscalation(step, due, l.Level.Level, [.. l.People.Select(p => p.Name)], Actor.System, now))]);
        foreach (var escalated in decided.OfType<SlaEscalated>())
            await SlaNotices.EscalationAsync(uow, levels.Single(l => l.Level.Level == escalated.Level).People, state, step, due, escalated.Level, ct);

        if (evaluation.NextChangeAt is { } next)
        {
            var timer = new SlaEscalationDue(inquiryId, due, evaluation.Escalations.Count + 1);
            await uow.ScheduleOnceAsync(KeyOf(timer), timer, RoundUp(next), ct: ct);
        }
    }

    /// <summary>One timer per inquiry, deadline and level.</summary>
    public static string KeyOf(SlaEscalationDue timer) => $"sla-escalation:{timer.InquiryId:N}:{timer.DueAt.UtcTicks}:{timer.Level}";

    /// <summary>The next whole second: the database keeps times to the microsecond, and a timer must not fire a tick before its level.</summary>
    private static DateTimeOffset RoundUp(DateTimeOffset at) =>
        new(at.UtcTicks + (TimeSpan.TicksPerSecond - at.UtcTicks % TimeSpan.TicksPerSecond) % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
