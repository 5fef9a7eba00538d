using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Outbox;

/// <summary>Carries out one kind of outbox message. Throwing schedules a retry with backoff.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <param name="uow">The worker's transaction (system path): database effects commit with the message's completion.</param>
    Task HandleAsync(OutboxMessage message, UnitOfWork uow, CancellationToken ct);
}
