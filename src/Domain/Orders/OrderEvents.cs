using System.Text.Json;

namespace Ktp.Domain.Orders;

/// <summary>A service ordered: its process instance is the service's own stream, <paramref name="ServiceId"/>.</summary>
public sealed record OrderedService(Guid ServiceId, string Code, string Name, IReadOnlyDictionary<string, JsonElement> Parameters);

public sealed record OrderPlaced(
    Guid OrderId, long Number, string? ExternalId, OrderCustomer Customer, IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyList<OrderedService> Services, string By, DateTimeOffset At);

/// <summary>The customer the order is for, as the ordering system names them.</summary>
public sealed record OrderCustomer(string Name, string? Phone, string? Email, string? ExternalId);

/// <summary>A service's process moved into <paramref name="State"/>.</summary>
public sealed record ServiceStateChanged(Guid ServiceId, ServiceState State, DateTimeOffset At);

public sealed record OrderCancelled(string Reason, string By, DateTimeOffset At);

/// <summary>The open order was changed: more services, each starting its own process.</summary>
public sealed record ServicesAdded(IReadOnlyList<OrderedService> Services, string By, DateTimeOffset At);

/// <summary>The open order was changed: a service is no longer wanted; its process is cancelled with the reason.</summary>
public sealed record ServiceWithdrawn(Guid ServiceId, string Reason, string By, DateTimeOffset At);

public static class OrderEventNames
{
    public const string OrderStream = "order";
    public const string ServiceStream = "order_service";
    public const string TaskStream = "order_task";

    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(OrderPlaced)] = "order.placed",
        [typeof(ServiceStateChanged)] = "order.service_state_changed",
        [typeof(OrderCancelled)] = "order.cancelled",
        [typeof(ServicesAdded)] = "order.services_added",
        [typeof(ServiceWithdrawn)] = "order.service_withdrawn",
        [typeof(TaskAssigned)] = "order.task_assigned",
        [typeof(TaskReturned)] = "order.task_returned",
        [typeof(TaskDone)] = "order.task_done",
        [typeof(Processes.InstanceStarted)] = "process.started",
        [typeof(Processes.TokenEntered)] = "process.token_entered",
        [typeof(Processes.NodeCompleted)] = "process.node_completed",
        [typeof(Processes.TokenCancelled)] = "process.token_cancelled",
        [typeof(Processes.GatewayPassed)] = "process.gateway_passed",
        [typeof(Processes.UserTaskCreated)] = "process.user_task_created",
        [typeof(Processes.UserTaskCompleted)] = "process.user_task_completed",
        [typeof(Processes.ServiceCallRequested)] = "process.service_call_requested",
        [typeof(Processes.ServiceCallSucceeded)] = "process.service_call_succeeded",
        [typeof(Processes.ServiceCallFailed)] = "process.service_call_failed",
        [typeof(Processes.BusinessRuleEvaluated)] = "process.business_rule_evaluated",
        [typeof(Processes.IncidentRaised)] = "process.incident_raised",
        [typeof(Processes.IncidentRetried)] = "process.incident_retried",
        [typeof(Processes.IncidentSkipped)] = "process.incident_skipped",
        [typeof(Processes.TimerScheduled)] = "process.timer_scheduled",
        [typeof(Processes.TimerFired)] = "process.timer_fired",
        [typeof(Processes.TimerCancelled)] = "process.timer_cancelled",
        [typeof(Processes.MessageAwaited)] = "process.message_awaited",
        [typeof(Processes.MessageCorrelated)] = "process.message_correlated",
        [typeof(Processes.ErrorThrown)] = "process.error_thrown",
        [typeof(Processes.InstanceCompleted)] = "process.completed",
        [typeof(Processes.InstanceFailed)] = "process.failed",
        [typeof(Processes.InstanceCancelled)] = "process.cancelled",
    };
}
