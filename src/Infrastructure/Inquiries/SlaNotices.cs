using Ktp.Domain.Inquiries;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;

namespace Ktp.Infrastructure.Inquiries;

public sealed record SlaRecipient(string Name, string Email);

/// <summary>Who is told that an inquiry missed its deadline, and what they are told (e-mails sent with the transaction).</summary>
public static class SlaNotices
{
    /// <summary>At the deadline: whoever has the inquiry in work, and every active member who manages the project's inquiries.</summary>
    public static async Task BreachAsync(UnitOfWork uow, Inquiry state, string step, DateTimeOffset due)
    {
        var recipients = await uow.QueryAsync<SlaRecipient>("""
            SELECT DISTINCT u.display_name AS Name, u.email FROM users u
            WHERE u.is_active AND (u.user_id = @assignee OR EXISTS (
              SELECT 1 FROM user_roles r JOIN role_privileges p USING (tenant_id, role_name)
              WHERE r.user_id = u.user_id AND 'inquiries.manage' = ANY(p.privileges)
                AND (EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = @project AND m.user_id = u.user_id)
                     OR 'projects.configure' = ANY(p.privileges))))
            """, new { project = state.ProjectId.Value, assignee = state.Assignee?.UserId });
        foreach (var to in recipients)
            await uow.SendAsync(new EmailMessage(to.Email,
                $"SLA breached / Нарушен регламент: {state.Id}",
                $"Inquiry {state.Id} missed its deadline {due:u} at step '{step}'.\nОбращение {state.Id} не обработано к сроку {due:u} на шаге «{step}»."));
    }

    /// <summary>
    /// An escalation level's people: for a role, its active holders who work the project (members) or configure projects;
    /// for a user, that user while active.
    /// </summary>
    public static async Task<IReadOnlyList<SlaRecipient>> RecipientsAsync(UnitOfWork uow, Guid projectId, EscalationStep level)
    {
        var roles = level.Notify.Where(t => t.Kind == EscalationTargetKind.Role).Select(t => t.Id).ToArray();
        var users = level.Notify.Where(t => t.Kind == EscalationTargetKind.User)
            .Select(t => Guid.TryParse(t.Id, out var id) ? id : Guid.Empty).ToArray();
        return (await uow.QueryAsync<SlaRecipient>("""
            SELECT DISTINCT u.display_name AS Name, u.email FROM users u
            WHERE u.is_active AND (u.user_id = ANY(@users) OR (
              EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.user_id AND r.role_name = ANY(@roles))
              AND (EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = @projectId AND m.user_id = u.user_id)
                   OR EXISTS (SELECT 1 FROM user_roles r JOIN role_privileges p USING (tenant_id, role_name)
                              WHERE r.user_id = u.user_id AND 'projects.configure' = ANY(p.privileges)))))
            ORDER BY u.email
            """, new { projectId, roles, users })).ToList();
    }

    public static async Task EscalationAsync(UnitOfWork uow, IEnumerable<SlaRecipient> recipients, Inquiry state, string step, DateTimeOffset due, int level)
    {
        foreach (var to in recipients)
            await uow.SendAsync(new EmailMessage(to.Email,
                $"SLA escalation, level {level} / Эскалация по регламенту, уровень {level}: {state.Id}",
                $"Inquiry {state.Id} is still open past its deadline {due:u} at step '{step}': escalation level {level}.\n" +
                $"Обращение {state.Id} всё ещё не обработано, срок {due:u} на шаге «{step}» прошёл: эскалация уровня {level}."));
    }
}
