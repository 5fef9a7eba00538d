using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;

namespace Ktp.Infrastructure.Projections;

/// <summary>
/// A cross-stream read model kept by the projection daemon. <see cref="ApplyAsync"/> runs in the
/// same transaction that moves the projection's checkpoint, so each event is applied exactly once.
/// </summary>
public interface IAsyncProjection
{
    string Name { get; }

    /// <summary>Whether this projection needs the event's data; others are passed over (the checkpoint still moves).</summary>
    bool Handles(string eventType);

    Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>Empties the read model before a rebuild.</summary>
    Task ResetAsync(UnitOfWork uow, CancellationToken ct);
}
