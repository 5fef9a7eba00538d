using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Outbox;
using Ktp.Web.Projects;

namespace Ktp.Web.Inquiries;

public sealed record SlaTimerPayload(Guid InquiryId, DateTimeOffset DueAt);

/// <summary>
/// A deadline is an outbox row due at the deadline. When it fires and the inquiry is still open on that
/// same deadline, the breach is recorded on the inquiry and the project's managers are notified.
/// </summary>
public sealed class SlaTimer(KtpDatabase db, InquiryStream inquiries, TimeProvider clock) : IOutboxHandler
{
    public const string KindName = "inquiry.sla_due";

    public string Kind => KindName;

    public static async Task ScheduleAsync(UnitOfWork uow, Guid inquiryId, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
            await uow.EnqueueAsync(KindName, new SlaTimerPayload(inquiryId, due), due, dedupeKey: $"{inquiryId:N}:{due.UtcTicks}");
    }

    public async Task HandleAsync(OutboxMessage message, UnitOfWork workerUow, CancellationToken ct)
    {
        var timer = message.Read<SlaTimerPayload>();
        await using var uow = await db.BeginTenantAsync(message.TenantId, ct);
        var (state, _) = await inquiries.LoadAsync(uow, timer.InquiryId, ct: ct);
        if (state.Status is InquiryStatus.Closed or InquiryStatus.Archived || state.SlaDueAt != timer.DueAt) return;
        var now = clock.GetUtcNow();
        var step = state.ProcessCode ?? "registration";
        var decided = await inquiries.DecideAsync(uow, timer.InquiryId, new EventMetadata(UserName: "sla", CorrelationId: Guid.NewGuid()), ct,
            new RecordSlaBreach(step, timer.DueAt, now, Actor.System, now));
        if (decided.Count > 0) await EscalateAsync(uow, state, step, timer.DueAt);
        await uow.CommitAsync(ct);
    }

    /// <summary>Escalation: every member of the project who manages inquiries gets a notice (through the outbox).</summary>
    private static async Task EscalateAsync(UnitOfWork uow, Inquiry state, string step, DateTimeOffset due)
    {
        var managers = await uow.QueryAsync<string>("""
            SELECT DISTINCT u.email FROM users u
            JOIN user_roles r USING (tenant_id, user_id) JOIN role_privileges p USING (tenant_id, role_name)
            WHERE u.is_active AND 'inquiries.manage' = ANY(p.privileges)
              AND (EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = @project AND m.user_id = u.user_id)
                   OR 'projects.configure' = ANY(p.privileges))
            """, new { project = state.ProjectId.Value });
        foreach (var email in managers)
            await uow.EnqueueAsync(EmailOutboxHandler.KindName, new EmailMessage(email,
                $"SLA breached / Нарушен регламент: {state.Id}",
                $"Inquiry {state.Id} missed its deadline {due:u} at step '{step}'.\nОбращение {state.Id} не обработано к сроку {due:u} на шаге «{step}»."));
    }
}
