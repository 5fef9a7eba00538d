using Ktp.Domain.Common;

namespace Ktp.Domain.Orders;

public sealed class OrderException(string message) : Exception(message);

public static class OrderDecisions
{
    public static IReadOnlyList<object> Decide(Order state, OrderCommand command) => command switch
    {
        PlaceOrder c => Place(state, c.Placed),
        RecordServiceState c => state.Services.TryGetValue(c.ServiceId, out var was) && was != c.State
            ? [new ServiceStateChanged(c.ServiceId, c.State, c.At)]
            : [],
        CancelOrder c => Cancel(state, c),
        AddServices c => Change(state) && c.Added.Services.Count > 0 ? [c.Added] : throw new ValidationFailedException("services", "Name at least one service to add."),
        WithdrawService c => Withdraw(state, c),
        _ => throw new ArgumentException($"{command.GetType().Name} is not an order command.", nameof(command)),
    };

    private static IReadOnlyList<object> Place(Order state, OrderPlaced placed)
    {
        if (state.Placed) throw new OrderException($"Order {state.Number} is already placed.");
        if (placed.Services.Count == 0) throw new ValidationFailedException("services", "An order needs at least one service.");
        if (string.IsNullOrWhiteSpace(placed.Customer.Name)) throw new ValidationFailedException("customer.name", "Name the customer.");
        return [placed];
    }

    /// <summary>An order is changed only while open and not being cancelled.</summary>
    private static bool Change(Order state)
    {
        if (!state.Placed) throw new OrderException("There is no such order.");
        if (!state.Status.IsOpen() || state.CancelRequested) throw new OrderException($"Order {state.Number} is finished or being cancelled and cannot be changed.");
        return true;
    }

    private static IReadOnlyList<object> Withdraw(Order state, WithdrawService c)
    {
        Change(state);
        if (!state.Services.TryGetValue(c.ServiceId, out var service)) throw new OrderException("The order has no such service.");
        if (service.IsFinal()) throw new OrderException("The service is finished already.");
        if (string.IsNullOrWhiteSpace(c.Reason)) throw new ValidationFailedException("reason", "Say why the service is withdrawn.");
        return [new ServiceWithdrawn(c.ServiceId, c.Reason.Trim(), c.By, c.At)];
    }

    private static IReadOnlyList<object> Cancel(Order state, CancelOrder c)
    {
        if (!state.Placed) throw new OrderException("There is no such order.");
        if (!state.Status.IsOpen()) throw new OrderException($"Order {state.Number} is finished and cannot be cancelled.");
        if (string.IsNullOrWhiteSpace(c.Reason)) throw new ValidationFailedException("reason", "Say why the order is cancelled.");
        return state.CancelRequested ? [] : [new OrderCancelled(c.Reason.Trim(), c.By, c.At)];
    }
}
