using Dapper;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Projections;

public sealed record ProjectionStatus(string Name, long EventsProcessed, long? RebuildTotal, bool RebuildRequested, string? LastError, DateTime UpdatedAt);

/// <summary>Asks the projection's leader (on whichever node) to rebuild, and reports progress.</summary>
public sealed class ProjectionAdmin(KtpDatabase db)
{
    public async Task RequestRebuildAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.System.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("""
            INSERT INTO projection_checkpoints (name, rebuild_requested) VALUES (@name, true)
            ON CONFLICT (name) DO UPDATE SET rebuild_requested = true, updated_at = now()
            """, new { name });
    }

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = await db.System.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ProjectionStatus>("""
            SELECT name, events_processed AS EventsProcessed, rebuild_total AS RebuildTotal,
                   rebuild_requested AS RebuildRequested, last_error AS LastError, updated_at AS UpdatedAt
            FROM projection_checkpoints ORDER BY name
            """);
        return rows.ToList();
    }
}
