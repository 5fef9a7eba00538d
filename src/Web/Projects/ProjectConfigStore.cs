using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;

namespace Ktp.Web.Projects;

/// <summary>The SLA settings document of a project: policies per topic/step and the working calendar.</summary>
public sealed record SlaSettings(IReadOnlyList<SlaPolicyDocument> Policies, CalendarDocument Calendar)
{
    public static SlaSettings Default => new([], CalendarDocument.Default);
}

/// <param name="Escalations">Level 1 first; null when the policy has none (as in documents stored before escalations existed).</param>
public sealed record SlaPolicyDocument(string TopicCode, string? ProcessCode, double DurationHours, double WarnBeforeHours,
    IReadOnlyList<EscalationDocument>? Escalations = null)
{
    /// <exception cref="Domain.Common.ValidationFailedException">What the domain refuses, keyed by the domain's field names.</exception>
    public SlaPolicy ToPolicy() => new(TopicCode, ProcessCode, TimeSpan.FromHours(DurationHours), TimeSpan.FromHours(WarnBeforeHours),
        Escalations?.Select(e => e.ToStep()).ToList());
}

/// <summary>An escalation level: <see cref="AfterHours"/> working hours past the deadline, notify these roles and users.</summary>
/// <param name="Roles">Role names: their holders who work the project (members) or configure projects are notified.</param>
/// <param name="UserIds">Ids of users notified by name.</param>
public sealed record EscalationDocument(double AfterHours, IReadOnlyList<string> Roles, IReadOnlyList<string> UserIds)
{
    public EscalationStep ToStep() => new(TimeSpan.FromHours(AfterHours),
        [.. (Roles ?? []).Select(EscalationTarget.Role), .. (UserIds ?? []).Select(EscalationTarget.User)]);
}

/// <summary>Working hours per weekday as "09:00-18:00" intervals, holidays, extra working days.</summary>
public sealed record CalendarDocument(string TimeZone, IReadOnlyDictionary<DayOfWeek, string[]> Week, IReadOnlyList<DateOnly> Holidays,
    IReadOnlyDictionary<DateOnly, string[]>? ExtraWorkingDays = null)
{
    public static CalendarDocument Default => new("Europe/Moscow",
        new Dictionary<DayOfWeek, string[]>
        {
            [DayOfWeek.Monday] = ["09:00-18:00"], [DayOfWeek.Tuesday] = ["09:00-18:00"], [DayOfWeek.Wednesday] = ["09:00-18:00"],
            [DayOfWeek.Thursday] = ["09:00-18:00"], [DayOfWeek.Friday] = ["09:00-18:00"],
        }, []);

    public BusinessCalendar ToCalendar() => new(TimeZone,
        Week.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingInterval>)d.Value.Select(WorkingInterval.Parse).ToList()),
        Holidays,
        ExtraWorkingDays?.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingInterval>)d.Value.Select(WorkingInterval.Parse).ToList()));

    public SlaPolicies Policies(IEnumerable<SlaPolicyDocument> docs) => new(docs.Select(d => d.ToPolicy()));
}

public sealed record ProjectConfig(
    Guid ProjectId, string Name, TopicCatalog Topics, RouteDefinition? Route, SlaPolicies Sla, BusinessCalendar Calendar,
    long AttachmentMaxBytes, int ArchiveAfterDays);

/// <summary>Reads a project's current configuration (latest version of each document) and old route versions.</summary>
public sealed class ProjectConfigStore
{
    private sealed class ProjectRow
    {
        public string Name { get; set; } = "";
        public string? RouteId { get; set; }
        public int ArchiveAfterDays { get; set; }
        public long AttachmentMaxBytes { get; set; }
    }

    public async Task<ProjectConfig?> CurrentAsync(UnitOfWork uow, Guid projectId)
    {
        var project = await uow.QuerySingleOrDefaultAsync<ProjectRow>("""
            SELECT name, route_id AS RouteId, archive_after_days AS ArchiveAfterDays, attachment_max_bytes AS AttachmentMaxBytes
            FROM projects WHERE project_id = @projectId
            """, new { projectId });
        if (project is null) return null;
        var topics = await LatestAsync<TopicConfiguration>(uow, projectId, "topics") ?? new TopicConfiguration([], []);
        var sla = await LatestAsync<SlaSettings>(uow, projectId, "sla") ?? SlaSettings.Default;
        var route = project.RouteId is null ? null : await RouteAsync(uow, projectId, project.RouteId, version: null);
        return new ProjectConfig(projectId, project.Name, new TopicCatalog(topics), route, sla.Calendar.Policies(sla.Policies),
            sla.Calendar.ToCalendar(), project.AttachmentMaxBytes, project.ArchiveAfterDays);
    }

    /// <summary>A route version; the latest when <paramref name="version"/> is null.</summary>
    public async Task<RouteDefinition?> RouteAsync(UnitOfWork uow, Guid projectId, string routeId, int? version)
    {
        var json = await uow.QuerySingleOrDefaultAsync<string>("""
            SELECT definition::text FROM project_routes
            WHERE project_id = @projectId AND route_id = @routeId AND (@version::int IS NULL OR version = @version)
            ORDER BY version DESC LIMIT 1
            """, new { projectId, routeId, version });
        return json is null ? null : JsonSerializer.Deserialize<RouteDefinition>(json, EventTypeRegistry.Json);
    }

    /// <summary>The project's own dictionaries (latest version; empty when never saved).</summary>
    public async Task<DictionariesDocument> DictionariesAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<DictionariesDocument>(uow, projectId, DocumentKinds.Dictionaries) ?? new();

    public async Task<CategoriesDocument> CategoriesAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<CategoriesDocument>(uow, projectId, DocumentKinds.Categories) ?? new();

    public async Task<PrioritiesDocument> PrioritiesAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<PrioritiesDocument>(uow, projectId, DocumentKinds.Priorities) ?? new();

    public async Task<ContactPlacesDocument> ContactPlacesAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<ContactPlacesDocument>(uow, projectId, DocumentKinds.ContactPlaces) ?? new();

    /// <summary>Operator templates; <see cref="TemplatesDocument.For"/> picks the one of a user.</summary>
    public async Task<TemplatesDocument> TemplatesAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<TemplatesDocument>(uow, projectId, DocumentKinds.Templates) ?? new();

    public async Task<VipDocument> VipAsync(UnitOfWork uow, Guid projectId) =>
        await LatestAsync<VipDocument>(uow, projectId, DocumentKinds.Vip) ?? new();

    /// <summary>Whether the user is a member of the project (members work its inquiries).</summary>
    public async Task<bool> IsMemberAsync(UnitOfWork uow, Guid projectId, Guid userId) =>
        await uow.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM project_members WHERE project_id = @projectId AND user_id = @userId)", new { projectId, userId });

    /// <summary>Ids of the projects the user is a member of.</summary>
    public async Task<IReadOnlyList<Guid>> ProjectsOfAsync(UnitOfWork uow, Guid userId) =>
        (await uow.QueryAsync<Guid>("SELECT project_id FROM project_members WHERE user_id = @userId", new { userId })).ToList();

    public static async Task<T?> LatestAsync<T>(UnitOfWork uow, Guid projectId, string kind)
    {
        var json = await uow.QuerySingleOrDefaultAsync<string>(
            "SELECT document::text FROM project_settings WHERE project_id = @projectId AND kind = @kind ORDER BY version DESC LIMIT 1",
            new { projectId, kind });
        return json is null ? default : JsonSerializer.Deserialize<T>(json, EventTypeRegistry.Json);
    }
}
