using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

public sealed record SlaRecipient(string Name, string Email);

/// <summary>Who is told that an inquiry missed its deadline, and what they are told (e-mails sent with the transaction).</summary>
public sealed class SlaNotices(IPeopleDirectory people, IProjectConfiguration projects)
{
    /// <summary>At the deadline: whoever has the inquiry in work, and every active manager of inquiries who works the project or configures projects.</summary>
    public async Task BreachAsync(UnitOfWork uow, Inquiry state, string step, DateTimeOffset due, CancellationToken ct)
    {
        var managers = await people.WithPrivilegeAsync(uow, Privilege.InquiriesManage, ct);
        var recipients = (await OfProjectAsync(uow, state.ProjectId.Value, managers, ct)).ToList();
        if (state.Assignee?.UserId is { } assignee) recipients.AddRange(await people.ActiveAsync(uow, [assignee], ct));
        foreach (var to in recipients.DistinctBy(p => p.UserId))
            await uow.SendAsync(new EmailMessage(to.Email,
                $"SLA breached / Нарушен регламент: {state.Id}",
                $"Inquiry {state.Id} missed its deadline {due:u} at step '{step}'.\nОбращение {state.Id} не обработано к сроку {due:u} на шаге «{step}»."));
    }

    /// <summary>
    /// An escalation level's people: for a role, its active holders who work the project (members) or configure projects;
    /// for a user, that user while active.
    /// </summary>
    public async Task<IReadOnlyList<SlaRecipient>> RecipientsAsync(UnitOfWork uow, Guid projectId, EscalationStep level, CancellationToken ct)
    {
        var roles = level.Notify.Where(t => t.Kind == EscalationTargetKind.Role).Select(t => t.Id).ToArray();
        var users = level.Notify.Where(t => t.Kind == EscalationTargetKind.User)
            .Select(t => Guid.TryParse(t.Id, out var id) ? id : Guid.Empty).ToArray();
        var byRole = roles.Length == 0 ? [] : await OfProjectAsync(uow, projectId, await people.InRolesAsync(uow, roles, ct), ct);
        return [.. byRole.Concat(await people.ActiveAsync(uow, users, ct))
            .DistinctBy(p => p.UserId).OrderBy(p => p.Email, StringComparer.Ordinal).Select(p => new SlaRecipient(p.Name, p.Email))];
    }

    /// <summary>Those of <paramref name="candidates"/> who work the project (members) or configure projects.</summary>
    private async Task<IReadOnlyList<Person>> OfProjectAsync(UnitOfWork uow, Guid projectId, IReadOnlyList<Person> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return [];
        var members = (await projects.MembersAsync(uow, projectId, ct)).ToHashSet();
        var configurers = (await people.WithPrivilegeAsync(uow, Privilege.ProjectsConfigure, ct)).Select(p => p.UserId).ToHashSet();
        return [.. candidates.Where(p => members.Contains(p.UserId) || configurers.Contains(p.UserId))];
    }

    public static async Task EscalationAsync(UnitOfWork uow, IEnumerable<SlaRecipient> recipients, Inquiry state, string step, DateTimeOffset due, int level, CancellationToken ct)
    {
        foreach (var to in recipients)
            await uow.SendAsync(new EmailMessage(to.Email,
                $"SLA escalation, level {level} / Эскалация по регламенту, уровень {level}: {state.Id}",
                $"Inquiry {state.Id} is still open past its deadline {due:u} at step '{step}': escalation level {level}.\n" +
                $"Обращение {state.Id} всё ещё не обработано, срок {due:u} на шаге «{step}» прошёл: эскалация уровня {level}."));
    }
}
