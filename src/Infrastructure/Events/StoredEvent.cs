namespace Ktp.Infrastructure.Events;

/// <summary>An event as read back from the store, already upcast to its current shape.</summary>
public sealed record StoredEvent(
    long Position,
    Guid TenantId,
    Guid StreamId,
    long Version,
    string EventType,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset CreatedAt);
