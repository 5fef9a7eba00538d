using JasperFx.Events.Daemon;
using Marten;

namespace Ktp.Infrastructure.Projections;

public sealed record ProjectionStatus(string Name, long Position, long HighWaterMark)
{
    public long Lag => Math.Max(0, HighWaterMark - Position);
}

/// <summary>Progress of the async projections (Marten's daemon) and their rebuild.</summary>
public sealed class ProjectionAdmin(IDocumentStore marten, IEnumerable<IAsyncProjection> projections, IProjectionCoordinator? coordinator = null)
{
    public IReadOnlyList<string> Names { get; } = projections.Select(p => p.Name).ToList();

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        var progress = await marten.Advanced.AllProjectionProgress(token: ct);
        var highWater = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        return Names.Select(name => new ProjectionStatus(name,
            progress.FirstOrDefault(p => p.ShardName == AsyncProjections.ShardName(name))?.Sequence ?? 0, highWater)).ToList();
    }

    /// <summary>Empties the projection's table and replays every event into it; the shard then runs on.</summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        if (!Names.Contains(name)) throw new ArgumentException($"Unknown projection '{name}'.", nameof(name));
        if (coordinator is not null)
        {
            var daemon = coordinator.DaemonForMainDatabase();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
            await daemon.StartAgentAsync(AsyncProjections.ShardName(name), ct);
            return;
        }
        using var adHoc = await marten.BuildProjectionDaemonAsync();
        await adHoc.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
    }
}
