using System.Text.Json;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Orders;

/// <summary>Inline: the <c>orders</c> and <c>order_services</c> rows, and a notice to the order screens of every node.</summary>
public sealed class OrderProjection(EventStreamReader store) : IInlineProjection
{
    public const string Channel = "ktp_orders";

    public string StreamType => OrderEventNames.OrderStream;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var orderId = events[0].StreamId;
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case ServicesAdded e:
                    await InsertServicesAsync(uow, orderId, e.Services, e.At, ct);
                    break;
                case OrderPlaced e:
                    await uow.ExecuteAsync("""
                        INSERT INTO orders (order_id, number, external_id, customer_name, customer_phone, customer_email, parameters, status, created_by, created_at, updated_at)
                        VALUES (@OrderId, @Number, @ExternalId, @name, @phone, @email, @parameters::jsonb, @status, @By, @At, @At)
                        """, new
                    {
                        e.OrderId, e.Number, e.ExternalId, name = e.Customer.Name, phone = e.Customer.Phone, email = e.Customer.Email, e.By, e.At,
                        parameters = JsonSerializer.Serialize(e.Parameters, EventTypeRegistry.Json), status = nameof(OrderStatus.InProgress),
                    }, ct);
                    await InsertServicesAsync(uow, orderId, e.Services, e.At, ct);
                    break;
                case ServiceStateChanged e:
                    await uow.ExecuteAsync("""
                        UPDATE order_services SET state = @state, finished_at = CASE WHEN @final THEN @At END WHERE service_id = @ServiceId
                        """, new { e.ServiceId, state = e.State.ToString(), final = e.State.IsFinal(), e.At }, ct);
                    break;
                case OrderCancelled e:
                    await uow.ExecuteAsync("UPDATE orders SET cancel_reason = @Reason WHERE order_id = @orderId", new { e.Reason, orderId }, ct);
                    break;
            }
        }
        var all = events[0].Version == 1 ? events : await store.ReadStreamAsync(uow, orderId, ct: ct);
        var status = Order.From(all.Select(e => e.Data)).Status;
        var at = events[^1].Data switch
        {
            OrderPlaced p => p.At, ServiceStateChanged c => c.At, OrderCancelled c => c.At, ServicesAdded a => a.At, ServiceWithdrawn w => w.At, _ => events[^1].CreatedAt,
        };
        await uow.ExecuteAsync("""
            UPDATE orders SET status = @status, updated_at = @at, finished_at = CASE WHEN @open THEN NULL ELSE coalesce(finished_at, @at) END WHERE order_id = @orderId;
            SELECT pg_notify(@channel, ktp_current_tenant()::text);
            """, new { status = status.ToString(), at, open = status.IsOpen(), orderId, channel = Channel }, ct);
    }

    private static async Task InsertServicesAsync(UnitOfWork uow, Guid orderId, IEnumerable<OrderedService> services, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var s in services)
            await uow.ExecuteAsync("""
                INSERT INTO order_services (service_id, order_id, code, name, parameters, state, started_at)
                VALUES (@ServiceId, @orderId, @Code, @Name, @parameters::jsonb, @state, @at)
                """, new
            {
                s.ServiceId, orderId, s.Code, s.Name, at, state = nameof(ServiceState.Running),
                parameters = JsonSerializer.Serialize(s.Parameters, EventTypeRegistry.Json),
            }, ct);
    }
}
