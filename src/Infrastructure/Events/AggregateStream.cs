using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// The one path of every event-sourced aggregate: load its stream and fold the state, decide each command
/// on the state the previous one left, append everything with optimistic concurrency, then let the
/// aggregate react to what was appended (timers, for instance) in the same transaction.
/// </summary>
/// <remarks>
/// A step may be a command or a function of the state so far: a routing step reads the state the commands
/// before it left, inside the one decision pass, instead of deciding them twice to peek at the result.
/// </remarks>
public abstract class AggregateStream<TState, TCommand>(EventStore store) where TState : class
{
    protected abstract string StreamType { get; }

    protected abstract TState Fold(IEnumerable<object> events);

    protected abstract void Evolve(TState state, object @event);

    protected abstract IReadOnlyList<object> Decide(TState state, TCommand command);

    /// <summary>Runs in the appending transaction with the state the new events leave.</summary>
    protected virtual Task AfterAppendAsync(UnitOfWork uow, Guid streamId, TState after, IReadOnlyList<object> events, CancellationToken ct) =>
        Task.CompletedTask;

    public async Task<(TState State, IReadOnlyList<StoredEvent> Events)> LoadAsync(UnitOfWork uow, Guid streamId, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await store.ReadStreamAsync(uow, streamId, asOf, ct);
        return (Fold(events.Select(e => e.Data)), events);
    }

    /// <summary>Decides each command on the state left by the previous one; appends all events at once.</summary>
    public Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, Guid streamId, EventMetadata metadata, CancellationToken ct, params TCommand[] commands) =>
        DecideAsync(uow, streamId, metadata, ct, Steps(commands));

    /// <summary>As <see cref="DecideAsync(UnitOfWork, Guid, EventMetadata, CancellationToken, TCommand[])"/>, each step built from the state so far.</summary>
    public async Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, Guid streamId, EventMetadata metadata, CancellationToken ct, params Func<TState, TCommand>[] steps)
    {
        var (state, events) = await LoadAsync(uow, streamId, ct: ct);
        return await DecideAndAppendAsync(uow, streamId, state, events.Count == 0 ? EventStore.NoStream : events[^1].Version, metadata, steps, ct);
    }

    /// <summary>
    /// Decides on a state the caller has just loaded with <see cref="LoadAsync"/> (at <paramref name="version"/>), without
    /// reading the stream again; the state is evolved in place.
    /// </summary>
    public Task<IReadOnlyList<object>> DecideOnAsync(UnitOfWork uow, Guid streamId, TState loaded, long version, EventMetadata metadata,
        CancellationToken ct, params Func<TState, TCommand>[] steps) =>
        DecideAndAppendAsync(uow, streamId, loaded, version, metadata, steps, ct);

    /// <summary>Starts a new stream (a fresh id): decided from the empty state without reading, appended only if no stream has that id.</summary>
    public Task<IReadOnlyList<object>> StartAsync(UnitOfWork uow, Guid streamId, EventMetadata metadata, CancellationToken ct, params Func<TState, TCommand>[] steps) =>
        DecideAndAppendAsync(uow, streamId, Fold([]), EventStore.NoStream, metadata, steps, ct);

    public Task<IReadOnlyList<object>> StartAsync(UnitOfWork uow, Guid streamId, EventMetadata metadata, CancellationToken ct, params TCommand[] commands) =>
        StartAsync(uow, streamId, metadata, ct, Steps(commands));

    private async Task<IReadOnlyList<object>> DecideAndAppendAsync(
        UnitOfWork uow, Guid streamId, TState state, long version, EventMetadata metadata, Func<TState, TCommand>[] steps, CancellationToken ct)
    {
        var decided = new List<object>();
        foreach (var step in steps)
        {
            var produced = Decide(state, step(state));
            foreach (var e in produced) Evolve(state, e);
            decided.AddRange(produced);
        }
        if (decided.Count == 0) return decided;
        await store.AppendAsync(uow, streamId, StreamType, version, decided, metadata, ct);
        await AfterAppendAsync(uow, streamId, state, decided, ct);
        return decided;
    }

    private static Func<TState, TCommand>[] Steps(TCommand[] commands) => [.. commands.Select(c => (Func<TState, TCommand>)(_ => c))];
}
