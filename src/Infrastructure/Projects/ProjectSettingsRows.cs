using System.Text.Json;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Npgsql;


namespace Ktp.Infrastructure.Projects;

/// <summary>A document as loaded for editing: its version (0 when never saved) and who saved it.</summary>
public sealed record Versioned<T>(int Version, T Document, string? SavedBy = null, DateTime? SavedAt = null);

/// <summary>One saved version of a document or route, for history lists.</summary>
public sealed record VersionInfo(int Version, string SavedBy, DateTime SavedAt);

/// <summary>
/// SQL for the versioned rows of project_settings. A save never updates a row: it inserts the next version,
/// and only if the editor saw the latest one (else someone else's save would be silently lost).
/// </summary>
public static class ProjectSettingsRows
{
    private sealed record Row(int Version, string Document, string SavedBy, DateTime SavedAt);

    public static async Task<Versioned<T>> LatestAsync<T>(UnitOfWork uow, Guid projectId, string kind, T empty)
    {
        var row = await uow.QuerySingleOrDefaultAsync<Row>("""
            SELECT version, document::text AS Document, saved_by AS SavedBy, saved_at AS SavedAt FROM project_settings
            WHERE project_id = @projectId AND kind = @kind ORDER BY version DESC LIMIT 1
            """, new { projectId, kind });
        return row is null
            ? new Versioned<T>(0, empty)
            : new Versioned<T>(row.Version, JsonSerializer.Deserialize<T>(row.Document, EventTypeRegistry.Json) ?? empty, row.SavedBy, row.SavedAt);
    }

    public static async Task<IReadOnlyList<VersionInfo>> HistoryAsync(UnitOfWork uow, Guid projectId, string kind) =>
        (await uow.QueryAsync<VersionInfo>("""
            SELECT version, saved_by AS SavedBy, saved_at AS SavedAt FROM project_settings
            WHERE project_id = @projectId AND kind = @kind ORDER BY version DESC
            """, new { projectId, kind })).ToList();

    /// <summary>Inserts version <paramref name="basedOnVersion"/> + 1 and returns it.</summary>
    /// <exception cref="ValidationFailedException">A newer version exists than the one the editor loaded.</exception>
    public static async Task<int> AppendAsync<T>(UnitOfWork uow, Guid projectId, string kind, T document, int basedOnVersion, string savedBy)
    {
        var latest = await uow.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(version), 0) FROM project_settings WHERE project_id = @projectId AND kind = @kind", new { projectId, kind });
        if (latest != basedOnVersion) throw Conflict();
        var version = basedOnVersion + 1;
        try
        {
            await uow.ExecuteAsync("""
                INSERT INTO project_settings (project_id, kind, version, document, saved_by)
                VALUES (@projectId, @kind, @version, @document::jsonb, @savedBy)
                """, new { projectId, kind, version, document = JsonSerializer.Serialize(document, EventTypeRegistry.Json), savedBy });
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw Conflict(); // someone saved the same next version a moment ago
        }
        return version;
    }

    public const string ConflictField = "version";

    /// <summary>The refusal of a save made over a version that is no longer the latest.</summary>
    public static ValidationFailedException Conflict() => new(ConflictField, ConflictMessage);

    public const string ConflictMessage =
        "This configuration was changed by someone else after you opened it. Reload the page to see their changes, then make yours again.";
}
