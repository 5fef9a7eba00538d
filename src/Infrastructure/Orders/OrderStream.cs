using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Orders;

/// <summary>The order aggregate; cancelling it reaches every running service's process in the same transaction.</summary>
public sealed class OrderStream(EventStore store, IServiceProvider services) : AggregateStream<Order, OrderCommand>(store)
{
    protected override string StreamType => OrderEventNames.OrderStream;

    protected override Order Fold(IEnumerable<object> events) => Order.From(events);

    protected override void Evolve(Order state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(Order state, OrderCommand command) => OrderDecisions.Decide(state, command);

    protected override async Task AfterAppendAsync(UnitOfWork uow, Guid streamId, Order after, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.OfType<OrderCancelled>().FirstOrDefault() is not { } cancelled) return;
        // Resolved late: the service stream reports back to this one.
        var serviceStream = (ServiceStream)services.GetService(typeof(ServiceStream))!;
        foreach (var (serviceId, state) in after.Services.Where(s => !s.Value.IsFinal()))
            await serviceStream.RunAsync(uow, serviceId, EventMetadata.System with { UserName = cancelled.By }, ct,
                (_, _) => new CancelProcess(cancelled.Reason, cancelled.By, cancelled.At));
    }
}
