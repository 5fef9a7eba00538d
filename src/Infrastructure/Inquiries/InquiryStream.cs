using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>The inquiry aggregate on the common path; every append schedules the SLA deadline the events leave.</summary>
public sealed class InquiryStream(EventStore store) : AggregateStream<Inquiry, InquiryCommand>(store)
{
    protected override string StreamType => InquiryEventNames.StreamType;

    protected override Inquiry Fold(IEnumerable<object> events) => Inquiry.From(events);

    protected override void Evolve(Inquiry state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(Inquiry state, InquiryCommand command) => InquiryDecisions.Decide(state, command);

    protected override Task AfterAppendAsync(UnitOfWork uow, Guid streamId, Inquiry after, IReadOnlyList<object> events, CancellationToken ct) =>
        SlaTimer.ScheduleForAsync(uow, streamId, after, events, ct);
}
