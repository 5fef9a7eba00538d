using System.Text.Json;

namespace Ktp.Infrastructure.Outbox;

public sealed record OutboxMessage(long Id, Guid TenantId, string Kind, string Payload, int Attempts)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, EventStore.EventTypeRegistry.Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}
