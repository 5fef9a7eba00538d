using System.Text.Json;

namespace Ktp.Domain.Processes;

// The stream of one process instance. Ids of tokens, timers and incidents are "<instance id>#<n>", numbered
// in the order the events introduce them, so a replay gives the same ids. A user task's id is the id of the
// token waiting at it; a message wait's id is the token's id too.

/// <summary>Every process instance event: when it happened, as the caller's clock said.</summary>
public interface IProcessEvent
{
    DateTimeOffset At { get; }
}

public sealed record InstanceStarted(
    string InstanceId, string DefinitionKey, int DefinitionVersion, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At) : IProcessEvent;

/// <summary>A token arrived at <paramref name="NodeId"/> through <paramref name="FlowId"/> (null: a start event or a fired boundary event).</summary>
/// <param name="ScopeTokenId">The token of the sub-process it runs in; null at the top level.</param>
public sealed record TokenEntered(string TokenId, string NodeId, string? ScopeTokenId, string? FlowId, DateTimeOffset At) : IProcessEvent;

/// <summary>The node finished its work and the token left it (the completed path of the diagram).</summary>
public sealed record NodeCompleted(string TokenId, string NodeId, DateTimeOffset At) : IProcessEvent;

/// <summary>The token was removed without completing its node (interrupting event, error, cancel); a user task at it is withdrawn.</summary>
public sealed record TokenCancelled(string TokenId, string NodeId, string Reason, DateTimeOffset At) : IProcessEvent;

/// <summary>A gateway chose <paramref name="FlowIds"/>; conditions read the <paramref name="MissingVariables"/>, absent, as null.</summary>
public sealed record GatewayPassed(string TokenId, string NodeId, IReadOnlyList<string> FlowIds, IReadOnlyList<string> MissingVariables, DateTimeOffset At)
    : IProcessEvent;

public sealed record UserTaskCreated(
    string TaskId, string NodeId, string? Name, string? CandidateRole, string? Queue, DateTimeOffset? DueAt, string? Form, DateTimeOffset At) : IProcessEvent;

public sealed record UserTaskCompleted(string TaskId, IReadOnlyDictionary<string, JsonElement> Output, DateTimeOffset At) : IProcessEvent;

/// <summary>The infrastructure is to call <paramref name="Endpoint"/> for the task (attempt 1, 2, ...) and report the result.</summary>
public sealed record ServiceCallRequested(
    string TaskId, string NodeId, string Endpoint, int Attempt, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At) : IProcessEvent;

public sealed record ServiceCallSucceeded(string TaskId, int Attempt, IReadOnlyDictionary<string, JsonElement> Output, DateTimeOffset At) : IProcessEvent;

public sealed record ServiceCallFailed(string TaskId, int Attempt, string Error, DateTimeOffset At) : IProcessEvent;

public sealed record BusinessRuleEvaluated(
    string TokenId, string NodeId, string ResultVariable, JsonElement Result, IReadOnlyList<string> MissingVariables, DateTimeOffset At) : IProcessEvent;

/// <summary>The token at <paramref name="NodeId"/> is stuck until a person retries or skips.</summary>
public sealed record IncidentRaised(string IncidentId, string TokenId, string NodeId, string Reason, DateTimeOffset At) : IProcessEvent;

/// <summary>A person retried the incident, optionally correcting variables first.</summary>
public sealed record IncidentRetried(string IncidentId, string By, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At) : IProcessEvent;

/// <summary>A person skipped the stuck service task as if it had succeeded with <paramref name="Output"/>.</summary>
public sealed record IncidentSkipped(string IncidentId, string By, IReadOnlyDictionary<string, JsonElement> Output, DateTimeOffset At) : IProcessEvent;

/// <summary>The infrastructure is to report timer <paramref name="TimerId"/> at <paramref name="DueAt"/>.</summary>
/// <param name="TokenId">The token waiting at the timer event, or at the activity a boundary timer is attached to.</param>
/// <param name="FiringsLeft">For a cycle, how many firings remain including this one; null: without end.</param>
public sealed record TimerScheduled(string TimerId, string NodeId, string TokenId, DateTimeOffset DueAt, int? FiringsLeft, DateTimeOffset At) : IProcessEvent;

public sealed record TimerFired(string TimerId, DateTimeOffset At) : IProcessEvent;

public sealed record TimerCancelled(string TimerId, DateTimeOffset At) : IProcessEvent;

/// <summary>The token waits for message <paramref name="MessageName"/> with <paramref name="CorrelationKey"/> (null: any key).</summary>
public sealed record MessageAwaited(string TokenId, string NodeId, string MessageName, string? CorrelationKey, DateTimeOffset At) : IProcessEvent;

public sealed record MessageCorrelated(
    string TokenId, string MessageName, string? CorrelationKey, IReadOnlyDictionary<string, JsonElement> Variables, DateTimeOffset At) : IProcessEvent;

/// <summary>An error end event threw <paramref name="ErrorCode"/>; <paramref name="CaughtBy"/> is the boundary event that caught it, null when none did.</summary>
public sealed record ErrorThrown(string TokenId, string NodeId, string ErrorCode, string? CaughtBy, DateTimeOffset At) : IProcessEvent;

public sealed record InstanceCompleted(DateTimeOffset At) : IProcessEvent;

/// <summary>An error reached the top of the process uncaught.</summary>
public sealed record InstanceFailed(string ErrorCode, string NodeId, DateTimeOffset At) : IProcessEvent;

public sealed record InstanceCancelled(string Reason, string By, DateTimeOffset At) : IProcessEvent;
