namespace Ktp.Infrastructure.Events;

/// <summary>The stream moved on since the caller read it; reload and retry (or show the conflict).</summary>
public sealed class ConcurrencyException(Guid streamId, long? expected, long? actual)
    : Exception($"Stream {streamId} was changed by someone else: expected version {expected?.ToString() ?? "any"}, found {actual?.ToString() ?? "none"}.")
{
    public Guid StreamId { get; } = streamId;
    public long? ExpectedVersion { get; } = expected;
    public long? ActualVersion { get; } = actual;
}

public sealed class UnknownEventTypeException(string eventType)
    : Exception($"Event type '{eventType}' is not registered. Register it (or an upcaster from it) in the event type registry.")
{
    public string EventType { get; } = eventType;
}

public sealed class StreamArchivedException(Guid streamId)
    : Exception($"Stream {streamId} is archived: it can be read but not changed.")
{
    public Guid StreamId { get; } = streamId;
}
