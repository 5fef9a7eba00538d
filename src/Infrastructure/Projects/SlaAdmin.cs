using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>Saves a project's SLA policies and working calendar as a new version, if based on the latest one.</summary>
public sealed record SaveSla(Guid ProjectId, int BasedOnVersion, SlaSettings Settings);

/// <summary>The project manager's SLA ("регламент") settings: policies per topic and step, and the working calendar.</summary>
public sealed class SlaAdmin(CurrentSession session, ProjectConfigStore store, IPeopleDirectory people)
{
    public async Task<Versioned<SlaSettings>> LoadAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, projectId);
        return await ProjectSettingsRows.LatestAsync(uow, projectId, DocumentKinds.Sla, SlaSettings.Default);
    }

    /// <returns>The new version.</returns>
    /// <exception cref="ValidationFailedException">Bad hours, unknown time zone, unknown topics or steps, bad durations, bad escalations, or a newer version exists.</exception>
    public async Task<int> SaveAsync(SaveSla command, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, command.ProjectId);
        var topics = await ProjectSettingsRows.LatestAsync(uow, command.ProjectId, DocumentKinds.Topics, TopicConfigAdmin.Empty);
        var routeId = await uow.ExecuteScalarAsync<string?>("SELECT route_id FROM projects WHERE project_id = @ProjectId", new { command.ProjectId }, ct: ct);
        var route = routeId is null ? null : await store.RouteAsync(uow, command.ProjectId, routeId, version: null);
        var users = await people.AllIdsAsync(uow, ct);
        Check(command.Settings, topics.Document.Topics.Select(t => t.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase),
            route?.Processes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal), users);
        var version = await ProjectSettingsRows.AppendAsync(uow, command.ProjectId, DocumentKinds.Sla, command.Settings, command.BasedOnVersion, session.SavedByName());
        await uow.CommitAsync(ct);
        return version;
    }

    /// <param name="topics">Ids of the project's topics.</param>
    /// <param name="processes">Process codes of the project's route; null when it has none (steps are not checked).</param>
    /// <param name="users">Ids of the tenant's users, whom escalations may notify.</param>
    /// <exception cref="ValidationFailedException">Everything found wrong.</exception>
    public static void Check(SlaSettings settings, IReadOnlySet<string> topics, IReadOnlySet<string>? processes, IReadOnlySet<Guid> users)
    {
        var errors = new Validation();
        var calendar = settings.Calendar;
        var hoursOk = true;
        void Parse(string field, IEnumerable<string> intervals)
        {
            foreach (var text in intervals)
            {
                try
                {
                    WorkingInterval.Parse(text);
                }
                catch (FormatException e)
                {
                    hoursOk = false;
                    errors.Add(field, e.Message);
                }
            }
        }
        foreach (var (day, intervals) in calendar.Week) Parse($"Calendar.Week[{day}]", intervals);
        foreach (var (date, intervals) in calendar.ExtraWorkingDays ?? new Dictionary<DateOnly, string[]>())
            Parse($"Calendar.ExtraWorkingDays[{date:yyyy-MM-dd}]", intervals);
        if (hoursOk) Collect(errors, "Calendar.", () => calendar.ToCalendar());

        var policies = new List<SlaPolicy>();
        for (var i = 0; i < settings.Policies.Count; i++)
        {
            var p = settings.Policies[i];
            var at = $"Policies[{i}].";
            errors.Require(string.IsNullOrWhiteSpace(p.TopicCode) || topics.Contains(p.TopicCode), at + "TopicCode",
                $"SLA line {i + 1}: the topic is not in the project's topics.");
            errors.Require(p.ProcessCode is null || processes is null || processes.Contains(p.ProcessCode), at + "ProcessCode",
                $"SLA line {i + 1}: the project's route has no step '{p.ProcessCode}'.");
            CheckEscalations(errors, p, i, users);
            Collect(errors, at, () => policies.Add(p.ToPolicy()));
        }
        Collect(errors, "Policies.", () => new SlaPolicies(policies));
        errors.ThrowIfInvalid();
    }

    /// <summary>Whom escalations notify must exist; their order and timing are the domain's to check.</summary>
    private static void CheckEscalations(Validation errors, SlaPolicyDocument policy, int index, IReadOnlySet<Guid> users)
    {
        var levels = policy.Escalations ?? [];
        for (var j = 0; j < levels.Count; j++)
        {
            var field = $"Policies[{index}].Escalations[{j}].{nameof(EscalationStep.Notify)}";
            var line = $"SLA line {index + 1}, escalation level {j + 1}";
            foreach (var role in levels[j].Roles ?? [])
                errors.Require(Role.TenantRoles.Contains(role), field, $"{line}: there is no role '{role}'.");
            foreach (var user in levels[j].UserIds ?? [])
                errors.Require(Guid.TryParse(user, out var id) && users.Contains(id), field, $"{line}: user '{user}' is not a user of this workspace.");
        }
    }

    private static void Collect(Validation errors, string prefix, Action action)
    {
        try
        {
            action();
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) errors.Add(prefix + field, message);
        }
    }
}
