using System.Collections.Concurrent;
using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>
/// Reads a project's current configuration (latest version of each document) and old route versions.
/// Settings and route versions are immutable rows, so the parsed parts of a set of versions are kept per
/// project; each read asks only which versions are current (one small query).
/// </summary>
public sealed class ProjectConfigStore : IProjectConfiguration
{
    private const int MaxCachedProjects = 5_000;

    private sealed class ProjectRow
    {
        public string Name { get; set; } = "";
        public string? RouteId { get; set; }
        public int ArchiveAfterDays { get; set; }
        public long AttachmentMaxBytes { get; set; }
        public int? TopicsVersion { get; set; }
        public int? SlaVersion { get; set; }
        public int? PrioritiesVersion { get; set; }
        public int? RouteVersion { get; set; }
    }

    private sealed record ParsedParts(int? TopicsVersion, int? SlaVersion, int? PrioritiesVersion, string? RouteId, int? RouteVersion,
        TopicCatalog Topics, RouteDefinition? Route, SlaPolicies Sla, BusinessCalendar Calendar, PrioritiesDocument Priorities)
    {
        public bool AreCurrent(ProjectRow row) =>
            TopicsVersion == row.TopicsVersion && SlaVersion == row.SlaVersion && PrioritiesVersion == row.PrioritiesVersion
            && RouteId == row.RouteId && RouteVersion == row.RouteVersion;
    }

    private readonly ConcurrentDictionary<(Guid? Tenant, Guid Project), ParsedParts> _parsed = new();

    public async Task<ProjectConfig?> CurrentAsync(UnitOfWork uow, Guid projectId)
    {
        var project = await uow.QuerySingleOrDefaultAsync<ProjectRow>("""
            SELECT p.name, p.route_id AS RouteId, p.archive_after_days AS ArchiveAfterDays, p.attachment_max_bytes AS AttachmentMaxBytes,
              (SELECT max(s.version) FROM project_settings s WHERE s.project_id = p.project_id AND s.kind = 'topics') AS TopicsVersion,
              (SELECT max(s.version) FROM project_settings s WHERE s.project_id = p.project_id AND s.kind = 'sla') AS SlaVersion,
              (SELECT max(s.version) FROM project_settings s WHERE s.project_id = p.project_id AND s.kind = 'priorities') AS PrioritiesVersion,
              (SELECT max(r.version) FROM project_routes r WHERE r.project_id = p.project_id AND r.route_id = p.route_id) AS RouteVersion
            FROM projects p WHERE p.project_id = @projectId
            """, new { projectId });
        if (project is null) return null;
        var key = (uow.TenantId, projectId);
        if (!_parsed.TryGetValue(key, out var parts) || !parts.AreCurrent(project))
        {
            parts = await ParseAsync(uow, projectId, project);
            if (_parsed.Count >= MaxCachedProjects) _parsed.Clear();
            _parsed[key] = parts;
        }
        return new ProjectConfig(projectId, project.Name, parts.Topics, parts.Route, parts.Sla, parts.Calendar, parts.Priorities,
            project.AttachmentMaxBytes, project.ArchiveAfterDays);
    }

    /// <summary>
    /// The name of a topic as the project's current configuration has it. After <see cref="CurrentAsync"/> in the
    /// same unit of work it needs no query.
    /// </summary>
    public async Task<string> TopicNameAsync(UnitOfWork uow, Guid projectId, TopicId topicId)
    {
        if (_parsed.TryGetValue((uow.TenantId, projectId), out var parts) && parts.Topics.TryGetTopic(topicId, out var known)) return known.Name;
        var topics = await LatestAsync<TopicConfiguration>(uow, projectId, DocumentKinds.Topics);
        return topics?.Topics.FirstOrDefault(t => t.Id == topicId)?.Name ?? topicId.ToString();
    }

    private async Task<ParsedParts> ParseAsync(UnitOfWork uow, Guid projectId, ProjectRow project)
    {
        var topics = await VersionAsync<TopicConfiguration>(uow, projectId, DocumentKinds.Topics, project.TopicsVersion) ?? new TopicConfiguration([], []);
        var sla = await VersionAsync<SlaSettings>(uow, projectId, DocumentKinds.Sla, project.SlaVersion) ?? SlaSettings.Default;
        var priorities = await VersionAsync<PrioritiesDocument>(uow, projectId, DocumentKinds.Priorities, project.PrioritiesVersion) ?? new();
        var route = project.RouteId is null || project.RouteVersion is null ? null : await RouteAsync(uow, projectId, project.RouteId, project.RouteVersion);
        return new ParsedParts(project.TopicsVersion, project.SlaVersion, project.PrioritiesVersion, project.RouteId, project.RouteVersion,
            new TopicCatalog(topics), route, sla.Calendar.Policies(sla.Policies), sla.Calendar.ToCalendar(), priorities);
    }

    private static async Task<T?> VersionAsync<T>(UnitOfWork uow, Guid projectId, string kind, int? version)
    {
        if (version is null) return default;
        var json = await uow.QuerySingleOrDefaultAsync<string>(
            "SELECT document::text FROM project_settings WHERE project_id = @projectId AND kind = @kind AND version = @version",
            new { projectId, kind, version });
        return json is null ? default : JsonSerializer.Deserialize<T>(json, EventTypeRegistry.Json);
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

    public async Task<IReadOnlyList<ProjectRef>> ListAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.QueryAsync<ProjectRef>("SELECT project_id AS ProjectId, name FROM projects ORDER BY name", null, ct)).ToList();

    public async Task<IReadOnlyList<Guid>> MembersAsync(UnitOfWork uow, Guid projectId, CancellationToken ct) =>
        (await uow.QueryAsync<Guid>("SELECT user_id FROM project_members WHERE project_id = @projectId", new { projectId }, ct)).ToList();

    public async Task<IReadOnlyList<ArchivePeriod>> ArchivePeriodsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.QueryAsync<ArchivePeriod>(
            "SELECT tenant_id AS TenantId, project_id AS ProjectId, archive_after_days AS Days FROM projects", null, ct)).ToList();

    public static async Task<T?> LatestAsync<T>(UnitOfWork uow, Guid projectId, string kind)
    {
        var json = await uow.QuerySingleOrDefaultAsync<string>(
            "SELECT document::text FROM project_settings WHERE project_id = @projectId AND kind = @kind ORDER BY version DESC LIMIT 1",
            new { projectId, kind });
        return json is null ? default : JsonSerializer.Deserialize<T>(json, EventTypeRegistry.Json);
    }
}
