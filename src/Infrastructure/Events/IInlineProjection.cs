using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Events;

/// <summary>A read model updated in the same transaction as the append, for one stream type.</summary>
public interface IInlineProjection
{
    string StreamType { get; }
    Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}
