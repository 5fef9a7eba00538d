namespace Ktp.Infrastructure.Projections;

/// <summary>
/// A cross-stream read model (a SQL table) kept by Marten's async daemon: it writes through
/// <c>QueueSqlCommand</c>, so its rows commit with the daemon's progress mark and each event counts once.
/// </summary>
public interface IAsyncProjection : Marten.Events.Projections.IProjection
{
    string Name { get; }

    /// <summary>The table emptied before a rebuild.</summary>
    string Table { get; }
}
