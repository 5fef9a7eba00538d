using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Microsoft.Extensions.DependencyInjection;

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
        await NotifyCustomerAsync(uow, streamId, after, events, ct);
        // A withdrawn service, or every running service of a cancelled order, has its process cancelled with the reason.
        var stops = events.OfType<ServiceWithdrawn>().Select(w => (w.ServiceId, w.Reason, w.By, w.At))
            .Concat(events.OfType<OrderCancelled>().SelectMany(c => after.Services.Where(s => !s.Value.IsFinal()).Select(s => (s.Key, c.Reason, c.By, c.At))))
            .ToList();
        if (stops.Count == 0) return;
        var serviceStream = services.GetRequiredService<ServiceStream>(); // resolved late: it reports back to this stream
        foreach (var (serviceId, reason, by, at) in stops)
            await serviceStream.RunAsync(uow, serviceId, EventMetadata.System with { UserName = by }, ct, (_, _) => new CancelProcess(reason, by, at));
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
