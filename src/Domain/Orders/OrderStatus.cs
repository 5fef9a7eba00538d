namespace Ktp.Domain.Orders;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus { InProgress, WaitingForResources, Done, Failed, Cancelled }

public static class OrderStatuses
{
    public static bool IsOpen(this OrderStatus status) => status is OrderStatus.InProgress or OrderStatus.WaitingForResources;

    /// <summary>
    /// The order's state follows from its services: done when every one completed, failed when one failed and
    /// nothing runs any more, cancelled once cancelled and nothing runs, waiting when a running one waits for
    /// resources, otherwise in progress.
    /// </summary>
    public static OrderStatus Derive(IReadOnlyCollection<ServiceState> services, bool cancelled)
    {
        var running = services.Where(s => !s.IsFinal()).ToList();
        if (running.Count == 0)
        {
            if (cancelled) return OrderStatus.Cancelled;
            if (services.Any(s => s == ServiceState.Failed)) return OrderStatus.Failed;
            return services.All(s => s == ServiceState.Completed) ? OrderStatus.Done : OrderStatus.Cancelled;
        }
        return running.Any(s => s == ServiceState.WaitingForResources) ? OrderStatus.WaitingForResources : OrderStatus.InProgress;
    }
}
