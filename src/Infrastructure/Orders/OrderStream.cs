using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;

namespace Ktp.Infrastructure.Orders;

/// <summary>The order aggregate; cancelling it reaches every running service's process in the same transaction.</summary>
public sealed class OrderStream(EventStore store, IServiceProvider services) : AggregateStream<Order, OrderCommand>(store)
{
    protected override string StreamType => OrderEventNames.OrderStream;

    protected override Order Fold(IEnumerable<object> events) => Order.From(events);

    protected override void Evolve(Order state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(Order state, OrderCommand command) => OrderDecisions.Decide(state, command);

    // The service stream is resolved late: it reports back to this one.
    protected override async Task AfterAppendAsync(UnitOfWork uow, Guid streamId, Order after, IReadOnlyList<object> events, CancellationToken ct)
    {
        await NotifyCustomerAsync(uow, streamId, after, events, ct);
        var serviceStream = (ServiceStream)services.GetService(typeof(ServiceStream))!;
        foreach (var withdrawn in events.OfType<ServiceWithdrawn>())
            await serviceStream.RunAsync(uow, withdrawn.ServiceId, EventMetadata.System with { UserName = withdrawn.By }, ct,
                (_, _) => new CancelProcess(withdrawn.Reason, withdrawn.By, withdrawn.At));
        if (events.OfType<OrderCancelled>().FirstOrDefault() is not { } cancelled) return;
        foreach (var (serviceId, state) in after.Services.Where(s => !s.Value.IsFinal()))
            await serviceStream.RunAsync(uow, serviceId, EventMetadata.System with { UserName = cancelled.By }, ct,
                (_, _) => new CancelProcess(cancelled.Reason, cancelled.By, cancelled.At));
    }

    /// <summary>A milestone the events reached is e-mailed to the customer (when the order has their address), in the same transaction.</summary>
    private static async Task NotifyCustomerAsync(UnitOfWork uow, Guid orderId, Order after, IReadOnlyList<object> events, CancellationToken ct)
    {
        // An order turns final once (nothing changes a final order), so the append that leaves it final is the one that made it so.
        var reachedEnd = !after.Status.IsOpen() && events.Any(e => e is ServiceStateChanged or OrderCancelled);
        var milestone = events.Any(e => e is OrderPlaced) ? OrderMilestone.Placed
            : reachedEnd ? after.Status switch { OrderStatus.Done => OrderMilestone.Done, OrderStatus.Failed => OrderMilestone.Failed, _ => OrderMilestone.Cancelled }
            : (OrderMilestone?)null;
        if (milestone is null) return;
        var row = await uow.QuerySingleOrDefaultAsync<(string? Email, string Customer, long Number, string? Reason, string Culture, string Company)?>("""
            SELECT o.customer_email, o.customer_name, o.number, o.cancel_reason, t.culture, t.name
            FROM orders o JOIN tenants t USING (tenant_id) WHERE o.order_id = @orderId
            """, new { orderId }, ct);
        if (row is not { Email: { Length: > 0 } email } found) return;
        var notice = OrderNotices.For(milestone.Value, found.Culture, found.Number, found.Customer, found.Company, found.Reason);
        await uow.SendAsync(new EmailMessage(email, notice.Subject, notice.Body));
    }
}
