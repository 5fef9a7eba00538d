using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;


namespace Ktp.Infrastructure.Projects;

/// <param name="RouteName">The name of the latest version of the project's route, for people to read.</param>
public sealed record ProjectSummary(Guid ProjectId, string Name, string? RouteId, int ArchiveAfterDays, long AttachmentMaxBytes, long Members, string? RouteName);

public sealed record ProjectMember(Guid UserId, string DisplayName, string Email, bool IsMember);

public sealed record ProjectLimits(Guid ProjectId, int ArchiveAfterDays, long AttachmentMaxBytes);

/// <summary>
/// Projects of a tenant. Anyone who works inquiries sees the projects they are a member of; a project
/// manager (projects.configure) sees and configures all of them.
/// </summary>
public sealed class ProjectAdmin(CurrentSession session, IPeopleDirectory people)
{
    private const string SummaryColumns = """
        p.project_id AS ProjectId, p.name, p.route_id AS RouteId, p.archive_after_days AS ArchiveAfterDays,
        p.attachment_max_bytes AS AttachmentMaxBytes, (SELECT count(*) FROM project_members m WHERE m.project_id = p.project_id) AS Members,
        (SELECT r.definition->>'name' FROM project_routes r WHERE r.project_id = p.project_id AND r.route_id = p.route_id ORDER BY r.version DESC LIMIT 1) AS RouteName
        """;

    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken ct = default)
    {
        var all = session.Has(Privilege.ProjectsConfigure);
        if (!all) session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<ProjectSummary>($"""
            SELECT {SummaryColumns} FROM projects p
            WHERE @all OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.project_id AND m.user_id = @userId)
            ORDER BY p.name
            """, new { all, userId = session.UserId ?? Guid.Empty }, ct: ct)).ToList();
    }

    /// <summary>One project, or null when the tenant has none with this id.</summary>
    public async Task<ProjectSummary?> GetAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<ProjectSummary>($"SELECT {SummaryColumns} FROM projects p WHERE p.project_id = @projectId", new { projectId }, ct: ct);
    }

    /// <summary>Creates a project with its creator as the first member.</summary>
    public async Task<Guid> CreateAsync(string name, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        name = CheckName(name);
        var projectId = Guid.CreateVersion7();
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("INSERT INTO projects (project_id, name) VALUES (@projectId, @name)", new { projectId, name }, ct: ct);
        if (session.UserId is { } userId)
            await uow.ExecuteAsync("INSERT INTO project_members (project_id, user_id) VALUES (@projectId, @userId)", new { projectId, userId }, ct: ct);
        await uow.CommitAsync(ct);
        return projectId;
    }

    public async Task RenameAsync(Guid projectId, string name, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        name = CheckName(name);
        await using var uow = await session.BeginAsync(ct);
        await UpdateAsync(uow, "UPDATE projects SET name = @name WHERE project_id = @projectId", new { projectId, name });
        await uow.CommitAsync(ct);
    }

    /// <summary>After how many days closed inquiries are archived, and the largest attachment.</summary>
    public async Task SetLimitsAsync(ProjectLimits limits, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        new Validation()
            .Require(limits.ArchiveAfterDays is >= 1 and <= 3650, nameof(limits.ArchiveAfterDays), "Archive after 1 to 3650 days.")
            .Require(limits.AttachmentMaxBytes is >= 1024 and <= 1024L * 1024 * 1024, nameof(limits.AttachmentMaxBytes),
                "The attachment limit must be between 1 KB and 1 GB.")
            .ThrowIfInvalid();
        await using var uow = await session.BeginAsync(ct);
        await UpdateAsync(uow, "UPDATE projects SET archive_after_days = @ArchiveAfterDays, attachment_max_bytes = @AttachmentMaxBytes WHERE project_id = @ProjectId", limits);
        await uow.CommitAsync(ct);
    }

    /// <summary>The route new inquiries of the project follow: one of the routes published in it, or none.</summary>
    public async Task SetRouteAsync(Guid projectId, string? routeId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        routeId = string.IsNullOrWhiteSpace(routeId) ? null : routeId.Trim();
        await using var uow = await session.BeginAsync(ct);
        if (routeId is not null && !await uow.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM project_routes WHERE project_id = @projectId AND route_id = @routeId)", new { projectId, routeId }, ct: ct))
            throw new ValidationFailedException("RouteId", $"Route '{routeId}' has not been published in this project.");
        await UpdateAsync(uow, "UPDATE projects SET route_id = @routeId WHERE project_id = @projectId", new { projectId, routeId });
        await uow.CommitAsync(ct);
    }

    /// <summary>Every active user of the tenant, marked when a member of the project.</summary>
    public async Task<IReadOnlyList<ProjectMember>> MembersAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        var members = (await uow.QueryAsync<Guid>("SELECT user_id FROM project_members WHERE project_id = @projectId", new { projectId }, ct)).ToHashSet();
        return [.. (await people.ListActiveAsync(uow, int.MaxValue, ct)).Select(p => new ProjectMember(p.UserId, p.Name, p.Email, members.Contains(p.UserId)))];
    }

    /// <summary>Makes exactly these users the project's members.</summary>
    public async Task SetMembersAsync(Guid projectId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        var ids = userIds.Distinct().ToArray();
        await using var uow = await session.BeginAsync(ct);
        await RequireProjectAsync(uow, projectId);
        var known = await people.AllIdsAsync(uow, ct);
        if (!ids.All(known.Contains)) throw new ValidationFailedException("Members", "Some of the chosen users are not users of this workspace.");
        await uow.ExecuteAsync("""
            DELETE FROM project_members WHERE project_id = @projectId AND NOT (user_id = ANY(@ids));
            INSERT INTO project_members (project_id, user_id) SELECT @projectId, unnest(@ids) ON CONFLICT DO NOTHING;
            """, new { projectId, ids }, ct: ct);
        await uow.CommitAsync(ct);
    }

    /// <exception cref="ValidationFailedException">The tenant has no project with this id.</exception>
    public static async Task RequireProjectAsync(UnitOfWork uow, Guid projectId)
    {
        if (!await uow.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM projects WHERE project_id = @projectId)", new { projectId }))
            throw NoSuchProject();
    }

    public static ValidationFailedException NoSuchProject() => new("projectId", "No such project.");

    private static async Task UpdateAsync(UnitOfWork uow, string sql, object param)
    {
        if (await uow.ExecuteAsync(sql, param) == 0) throw NoSuchProject();
    }

    private static string CheckName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is < 1 or > 200) throw new ValidationFailedException("Name", "The project needs a name (up to 200 characters).");
        return name;
    }
}
