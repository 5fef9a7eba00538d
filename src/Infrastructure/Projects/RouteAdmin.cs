using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Npgsql;


namespace Ktp.Infrastructure.Projects;

/// <summary>Publishes <paramref name="Draft"/> as the next version of its route, if <paramref name="BasedOnVersion"/> is the latest (0 for a new route).</summary>
public sealed record PublishRoute(Guid ProjectId, int BasedOnVersion, RouteDraft Draft);

public sealed record RouteSummary(string RouteId, string Name, int Version, string PublishedBy, DateTime PublishedAt);

/// <summary>
/// Processing routes of a project. Publishing validates the definition and inserts the next version; a
/// published version is never changed, so inquiries already on it keep following it.
/// </summary>
public sealed class RouteAdmin(CurrentSession session, ProjectConfigStore store)
{
    /// <summary>The latest version of every route of the project.</summary>
    public async Task<IReadOnlyList<RouteSummary>> RoutesAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<RouteSummary>("""
            SELECT DISTINCT ON (route_id) route_id AS RouteId, definition->>'name' AS Name, version, published_by AS PublishedBy, published_at AS PublishedAt
            FROM project_routes WHERE project_id = @projectId ORDER BY route_id, version DESC
            """, new { projectId }, ct: ct)).ToList();
    }

    public async Task<IReadOnlyList<VersionInfo>> HistoryAsync(Guid projectId, string routeId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<VersionInfo>("""
            SELECT version, published_by AS SavedBy, published_at AS SavedAt FROM project_routes
            WHERE project_id = @projectId AND route_id = @routeId ORDER BY version DESC
            """, new { projectId, routeId }, ct: ct)).ToList();
    }

    /// <summary>A version of a route; the latest when <paramref name="version"/> is null; null when there is none.</summary>
    public async Task<RouteDefinition?> LoadAsync(Guid projectId, string routeId, int? version = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        return await store.RouteAsync(uow, projectId, routeId, version);
    }

    /// <returns>
    /// The published version number; the latest version unchanged (no new version) when the draft is the same
    /// as the latest version: callers see "nothing changed" when it equals <see cref="PublishRoute.BasedOnVersion"/>.
    /// </returns>
    /// <exception cref="ValidationFailedException">
    /// The route is invalid (loops, malformed rules, unknown queues or processes…; see <see cref="RouteValidator"/>),
    /// or someone published a newer version since <see cref="PublishRoute.BasedOnVersion"/>.
    /// </exception>
    public async Task<int> PublishAsync(PublishRoute command, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        var routeId = command.Draft.RouteId.Trim();
        if (!ProjectDocumentChecks.IsCode(routeId))
            throw new ValidationFailedException(nameof(RouteDefinition.RouteId),
                "The route id must be a latin identifier (a letter, then letters, digits, '_' or '-').");
        var definition = command.Draft.ToDomain(command.BasedOnVersion + 1);
        RouteValidator.Validate(definition);

        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, command.ProjectId);
        var latest = await uow.ExecuteScalarAsync<int>("SELECT coalesce(max(version), 0) FROM project_routes WHERE project_id = @ProjectId AND route_id = @routeId", new { command.ProjectId, routeId }, ct: ct);
        if (latest != command.BasedOnVersion) throw ProjectSettingsRows.Conflict();
        if (latest > 0 && await uow.ExecuteScalarAsync<bool>("""
                SELECT definition = @definition::jsonb FROM project_routes WHERE project_id = @ProjectId AND route_id = @routeId AND version = @latest
                """, new { command.ProjectId, routeId, latest, definition = Json(definition with { Version = latest }) }, ct: ct))
            return latest; // the same as the latest version: a new version would change nothing for anyone
        try
        {
            await uow.ExecuteAsync("""
                INSERT INTO project_routes (project_id, route_id, version, definition, published_by)
                VALUES (@ProjectId, @routeId, @version, @definition::jsonb, @by)
                """, new
            {
                command.ProjectId, routeId, version = definition.Version, by = session.SavedByName(),
                definition = Json(definition),
            }, ct: ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ProjectSettingsRows.Conflict();
        }
        // The first route published in a project becomes the one its new inquiries follow.
        await uow.ExecuteAsync("UPDATE projects SET route_id = @routeId WHERE project_id = @ProjectId AND route_id IS NULL", new { command.ProjectId, routeId }, ct: ct);
        await uow.CommitAsync(ct);
        return definition.Version;
    }

    private static string Json(RouteDefinition definition) => System.Text.Json.JsonSerializer.Serialize(definition, Infrastructure.Events.EventTypeRegistry.Json);
}
