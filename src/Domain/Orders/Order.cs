namespace Ktp.Domain.Orders;

/// <summary>State of an order, folded from its events; the rules are in <see cref="OrderDecisions"/>.</summary>
public sealed class Order
{
    private readonly Dictionary<Guid, ServiceState> _services = [];

    public Guid Id { get; private set; }
    public long Number { get; private set; }
    public bool Placed { get; private set; }
    public bool CancelRequested { get; private set; }
    public IReadOnlyDictionary<Guid, ServiceState> Services => _services;
    public OrderStatus Status => OrderStatuses.Derive(_services.Values, CancelRequested);

    public static Order From(IEnumerable<object> events)
    {
        var order = new Order();
        foreach (var e in events) order.Apply(e);
        return order;
    }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case OrderPlaced e:
                (Id, Number, Placed) = (e.OrderId, e.Number, true);
                foreach (var s in e.Services) _services[s.ServiceId] = ServiceState.Running;
                break;
            case ServiceStateChanged e: _services[e.ServiceId] = e.State; break;
            case OrderCancelled: CancelRequested = true; break;
            case ServicesAdded e:
                foreach (var s in e.Services) _services[s.ServiceId] = ServiceState.Running;
                break;
            case ServiceWithdrawn: break; // its process's cancellation is recorded as its state changes
            default: throw new ArgumentException($"{@event?.GetType().Name ?? "null"} is not an order event.", nameof(@event));
        }
    }
}

public abstract record OrderCommand(DateTimeOffset At);

public sealed record PlaceOrder(OrderPlaced Placed) : OrderCommand(Placed.At);

public sealed record RecordServiceState(Guid ServiceId, ServiceState State, DateTimeOffset At) : OrderCommand(At);

public sealed record CancelOrder(string Reason, string By, DateTimeOffset At) : OrderCommand(At);

public sealed record AddServices(ServicesAdded Added) : OrderCommand(Added.At);

public sealed record WithdrawService(Guid ServiceId, string Reason, string By, DateTimeOffset At) : OrderCommand(At);
