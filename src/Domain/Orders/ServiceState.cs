using Ktp.Domain.Processes;

namespace Ktp.Domain.Orders;

/// <summary>Where an ordered service stands, as its process says.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ServiceState>))]
public enum ServiceState { Running, WaitingForResources, Completed, Failed, Cancelled }

public static class ServiceStates
{
    public static bool IsFinal(this ServiceState state) => state is ServiceState.Completed or ServiceState.Failed or ServiceState.Cancelled;

    /// <summary>
    /// A running process waits for resources when nothing a person of the tenant can do moves it on: another
    /// system is being called or awaited, or an incident holds it.
    /// </summary>
    public static ServiceState Of(ProcessInstance process) => process.Status switch
    {
        ProcessStatus.Completed => ServiceState.Completed,
        ProcessStatus.Failed => ServiceState.Failed,
        ProcessStatus.Cancelled => ServiceState.Cancelled,
        _ when process.Incidents.Count > 0 || process.ServiceCalls.Count > 0 || process.MessageWaits.Count > 0 => ServiceState.WaitingForResources,
        _ => ServiceState.Running,
    };
}
