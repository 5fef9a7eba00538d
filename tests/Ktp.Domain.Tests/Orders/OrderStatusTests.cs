using Ktp.Domain.Orders;

namespace Ktp.Domain.Tests.Orders;

/// <summary>An order's state follows from its services' states.</summary>
public sealed class OrderStatusTests
{
    [Theory]
    [InlineData(false, OrderStatus.InProgress, ServiceState.Running, ServiceState.Completed)]
    [InlineData(false, OrderStatus.WaitingForResources, ServiceState.Running, ServiceState.WaitingForResources)]
    [InlineData(false, OrderStatus.Done, ServiceState.Completed, ServiceState.Completed)]
    [InlineData(false, OrderStatus.Failed, ServiceState.Completed, ServiceState.Failed)]
    [InlineData(false, OrderStatus.InProgress, ServiceState.Failed, ServiceState.Running)] // a failure counts once nothing runs
    [InlineData(true, OrderStatus.InProgress, ServiceState.Cancelled, ServiceState.Running)] // cancelling: still stopping one
    [InlineData(true, OrderStatus.Cancelled, ServiceState.Cancelled, ServiceState.Completed)]
    public void The_order_state_is_derived_from_its_services(bool cancelled, OrderStatus expected, params ServiceState[] services) =>
        OrderStatuses.Derive(services, cancelled).ShouldBe(expected);

    [Fact]
    public void A_service_state_change_is_recorded_once_and_a_finished_order_cannot_be_cancelled()
    {
        var serviceId = Guid.NewGuid();
        var order = Order.From([Placed(serviceId)]);
        var changed = OrderDecisions.Decide(order, new RecordServiceState(serviceId, ServiceState.Completed, DateTimeOffset.UtcNow));
        changed.ShouldHaveSingleItem();
        foreach (var e in changed) order.Apply(e);
        OrderDecisions.Decide(order, new RecordServiceState(serviceId, ServiceState.Completed, DateTimeOffset.UtcNow)).ShouldBeEmpty();
        order.Status.ShouldBe(OrderStatus.Done);
        Should.Throw<OrderException>(() => OrderDecisions.Decide(order, new CancelOrder("late", "test", DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_happens_once()
    {
        var order = Order.From([Placed(Guid.NewGuid())]);
        Should.Throw<Common.ValidationFailedException>(() => OrderDecisions.Decide(order, new CancelOrder(" ", "test", DateTimeOffset.UtcNow)));
        var cancelled = OrderDecisions.Decide(order, new CancelOrder("customer asked", "test", DateTimeOffset.UtcNow));
        foreach (var e in cancelled) order.Apply(e);
        OrderDecisions.Decide(order, new CancelOrder("again", "test", DateTimeOffset.UtcNow)).ShouldBeEmpty("the running processes are still being stopped");
    }

    private static OrderPlaced Placed(Guid serviceId) => new(Guid.NewGuid(), 1, null, new OrderCustomer("A", null, null, null), Ktp.Domain.Processes.ProcessVariables.None,
        [new OrderedService(serviceId, "internet", "Internet", Ktp.Domain.Processes.ProcessVariables.None)], "test", DateTimeOffset.UtcNow);
}
