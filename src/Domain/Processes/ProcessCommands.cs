using System.Text.Json;

namespace Ktp.Domain.Processes;

/// <summary>What every process command carries: when, as the caller's clock says; it becomes the events' time.</summary>
public abstract record ProcessCommand(DateTimeOffset At);

/// <summary>Starts a new instance; <paramref name="InstanceId"/> prefixes the ids of its tokens, timers and incidents.</summary>
public sealed record StartProcess(string InstanceId, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At) : ProcessCommand(At);

/// <summary>A person finished user task <paramref name="TaskId"/>; <paramref name="Output"/> becomes process variables.</summary>
public sealed record CompleteUserTask(string TaskId, IReadOnlyDictionary<string, JsonElement> Output, DateTimeOffset At) : ProcessCommand(At);

/// <summary>The call of <paramref name="Attempt"/> for service task <paramref name="TaskId"/> succeeded.</summary>
public sealed record ReportServiceSuccess(string TaskId, int Attempt, IReadOnlyDictionary<string, JsonElement> Output, DateTimeOffset At) : ProcessCommand(At);

/// <summary>The call of <paramref name="Attempt"/> failed (an error answer or a timeout).</summary>
public sealed record ReportServiceFailure(string TaskId, int Attempt, string Error, DateTimeOffset At) : ProcessCommand(At);

/// <summary>A person retries an incident, first setting <see cref="Variables"/> (e.g. a missing one a gateway needs).</summary>
public sealed record RetryIncident(string IncidentId, string By, DateTimeOffset At) : ProcessCommand(At)
{
    public IReadOnlyDictionary<string, JsonElement> Variables { get; init; } = ProcessVariables.None;
}

/// <summary>A person skips the service task stuck in the incident, as if it had returned <see cref="Output"/>.</summary>
public sealed record SkipIncident(string IncidentId, string By, DateTimeOffset At) : ProcessCommand(At)
{
    public IReadOnlyDictionary<string, JsonElement> Output { get; init; } = ProcessVariables.None;
}

/// <summary>Timer <paramref name="TimerId"/> came due.</summary>
public sealed record FireTimer(string TimerId, DateTimeOffset At) : ProcessCommand(At);

/// <summary>An external system reports message <paramref name="MessageName"/> for <paramref name="CorrelationKey"/>.</summary>
public sealed record ReceiveMessage(string MessageName, string? CorrelationKey, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At)
    : ProcessCommand(At);

/// <summary>Stops the instance: every token, task and timer is withdrawn.</summary>
public sealed record CancelProcess(string Reason, string By, DateTimeOffset At) : ProcessCommand(At);
