using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>Loads an inquiry from its stream and appends what the domain decides, with optimistic concurrency and the SLA timer the events call for.</summary>
public sealed class InquiryStream(EventStore store)
{
    public async Task<(Inquiry State, IReadOnlyList<StoredEvent> Events)> LoadAsync(UnitOfWork uow, Guid inquiryId, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await store.ReadStreamAsync(uow, inquiryId, asOf, ct);
        return (Inquiry.From(events.Select(e => e.Data)), events);
    }

    /// <summary>Decides each command on the state left by the previous one; appends all events at once.</summary>
    public async Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, Guid inquiryId, EventMetadata metadata, CancellationToken ct, params InquiryCommand[] commands)
    {
        var (state, events) = await LoadAsync(uow, inquiryId, ct: ct);
        return await DecideAndAppendAsync(uow, inquiryId, state, events.Count == 0 ? EventStore.NoStream : events[^1].Version, metadata, ct, commands);
    }

    /// <summary>
    /// Starts a new inquiry's stream (a fresh id): decided from the empty state without reading, appended only
    /// if no stream has that id.
    /// </summary>
    public Task<IReadOnlyList<object>> StartAsync(UnitOfWork uow, Guid inquiryId, EventMetadata metadata, CancellationToken ct, params InquiryCommand[] commands) =>
        DecideAndAppendAsync(uow, inquiryId, new Inquiry(), EventStore.NoStream, metadata, ct, commands);

    private async Task<IReadOnlyList<object>> DecideAndAppendAsync(
        UnitOfWork uow, Guid inquiryId, Inquiry state, long version, EventMetadata metadata, CancellationToken ct, InquiryCommand[] commands)
    {
        var decided = new List<object>();
        foreach (var command in commands)
        {
            var produced = InquiryDecisions.Decide(state, command);
            foreach (var e in produced) state.Apply(e);
            decided.AddRange(produced);
        }
        if (decided.Count == 0) return decided;
        await store.AppendAsync(uow, inquiryId, InquiryEventNames.StreamType, version, decided, metadata, ct);
        await SlaTimer.ScheduleForAsync(uow, inquiryId, state, decided, ct);
        return decided;
    }
}
