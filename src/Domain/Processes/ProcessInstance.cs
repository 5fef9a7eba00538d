using System.Collections.Immutable;
using System.Text.Json;

namespace Ktp.Domain.Processes;

/// <summary>
/// State of one process instance, built only by applying its events in order; <c>Apply</c> only assigns.
/// The rules live in <see cref="ProcessDecisions"/>. A new instance is one not started yet.
/// </summary>
public sealed class ProcessInstance
{
    private readonly List<ProcessToken> _tokens = [];
    private ImmutableDictionary<string, JsonElement> _variables = ImmutableDictionary<string, JsonElement>.Empty;
    private readonly List<OpenUserTask> _userTasks = [];
    private readonly List<PendingServiceCall> _serviceCalls = [];
    private readonly List<ScheduledTimer> _timers = [];
    private readonly List<MessageWait> _messageWaits = [];
    private readonly List<Incident> _incidents = [];
    private readonly List<string> _completedNodes = [];
    private readonly List<string> _takenFlows = [];
    private readonly List<MissingVariablesRead> _missingVariables = [];

    /// <summary>Number of events applied: the expected version for the next append.</summary>
    public long Version { get; private set; }
    public ProcessStatus Status { get; private set; }
    public bool IsFinished => Status is ProcessStatus.Completed or ProcessStatus.Failed or ProcessStatus.Cancelled;

    public string InstanceId { get; private set; } = "";
    public string DefinitionKey { get; private set; } = "";
    public int DefinitionVersion { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The uncaught error code of a failed instance, or the reason of a cancelled one.</summary>
    public string? Outcome { get; private set; }

    public IReadOnlyDictionary<string, JsonElement> Variables => _variables;

    /// <summary>Where the instance is now: one entry per token, in the order they arrived.</summary>
    public IReadOnlyList<ProcessToken> Tokens => _tokens;
    public IReadOnlyList<OpenUserTask> UserTasks => _userTasks;
    public IReadOnlyList<PendingServiceCall> ServiceCalls => _serviceCalls;
    public IReadOnlyList<ScheduledTimer> Timers => _timers;
    public IReadOnlyList<MessageWait> MessageWaits => _messageWaits;
    public IReadOnlyList<Incident> Incidents => _incidents;

    /// <summary>Nodes completed and flows taken, in order (repeats included): the path a diagram highlights.</summary>
    public IReadOnlyList<string> CompletedNodes => _completedNodes;
    public IReadOnlyList<string> TakenFlows => _takenFlows;

    /// <summary>Every rule evaluation that read variables the instance did not have.</summary>
    public IReadOnlyList<MissingVariablesRead> MissingVariables => _missingVariables;

    /// <summary>How many ids (tokens, timers, incidents) the events have introduced.</summary>
    public int IdsIssued { get; private set; }

    public static ProcessInstance From(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var instance = new ProcessInstance();
        foreach (var e in events) instance.Apply(e);
        return instance;
    }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case InstanceStarted e: Apply(e); break;
            case TokenEntered e: Apply(e); break;
            case NodeCompleted e: RemoveToken(e.TokenId); _completedNodes.Add(e.NodeId); break;
            case TokenCancelled e: RemoveToken(e.TokenId); break;
            case GatewayPassed e: NoteMissing(e.NodeId, e.MissingVariables); break;
            case UserTaskCreated e: _userTasks.Add(new OpenUserTask(e.TaskId, e.NodeId, e.Name, e.CandidateRole, e.Queue, e.DueAt, e.Form, e.At)); break;
            case UserTaskCompleted e: SetVariables(e.Output); break;
            case ServiceCallRequested e: Apply(e); break;
            case ServiceCallSucceeded e: SetVariables(e.Output); break;
            case ServiceCallFailed e: Replace(_serviceCalls, c => c.TaskId == e.TaskId, c => c with { Awaiting = false, LastError = e.Error }); break;
            case BusinessRuleEvaluated e: Apply(e); break;
            case IncidentRaised e: _incidents.Add(new Incident(e.IncidentId, e.TokenId, e.NodeId, e.Reason, e.At)); IdsIssued++; break;
            case IncidentRetried e: _incidents.RemoveAll(i => i.IncidentId == e.IncidentId); SetVariables(e.Variables); break;
            case IncidentSkipped e: _incidents.RemoveAll(i => i.IncidentId == e.IncidentId); SetVariables(e.Output); break;
            case TimerScheduled e: _timers.Add(new ScheduledTimer(e.TimerId, e.NodeId, e.TokenId, e.DueAt, e.FiringsLeft)); IdsIssued++; break;
            case TimerFired e: _timers.RemoveAll(t => t.TimerId == e.TimerId); break;
            case TimerCancelled e: _timers.RemoveAll(t => t.TimerId == e.TimerId); break;
            case MessageAwaited e: _messageWaits.Add(new MessageWait(e.TokenId, e.NodeId, e.MessageName, e.CorrelationKey)); break;
            case MessageCorrelated e: SetVariables(e.Variables); break;
            case ErrorThrown: break;
            case InstanceCompleted e: Finish(ProcessStatus.Completed, null, e.At); break;
            case InstanceFailed e: Finish(ProcessStatus.Failed, e.ErrorCode, e.At); break;
            case InstanceCancelled e: Finish(ProcessStatus.Cancelled, e.Reason, e.At); break;
            default: throw new ArgumentException($"{@event?.GetType().Name ?? "null"} is not a process instance event.", nameof(@event));
        }
        Version++;
    }

    /// <summary>A copy that decisions advance event by event, leaving this state as it is.</summary>
    internal ProcessInstance Copy()
    {
        var copy = new ProcessInstance();
        (copy.Version, copy.Status, copy.InstanceId, copy.DefinitionKey, copy.DefinitionVersion) =
            (Version, Status, InstanceId, DefinitionKey, DefinitionVersion);
        (copy.StartedAt, copy.EndedAt, copy.Outcome, copy._variables, copy.IdsIssued) = (StartedAt, EndedAt, Outcome, _variables, IdsIssued);
        copy._tokens.AddRange(_tokens);
        copy._userTasks.AddRange(_userTasks);
        copy._serviceCalls.AddRange(_serviceCalls);
        copy._timers.AddRange(_timers);
        copy._messageWaits.AddRange(_messageWaits);
        copy._incidents.AddRange(_incidents);
        copy._completedNodes.AddRange(_completedNodes);
        copy._takenFlows.AddRange(_takenFlows);
        copy._missingVariables.AddRange(_missingVariables);
        return copy;
    }

    private void Apply(InstanceStarted e)
    {
        Status = ProcessStatus.Running;
        (InstanceId, DefinitionKey, DefinitionVersion, StartedAt) = (e.InstanceId, e.DefinitionKey, e.DefinitionVersion, e.At);
        SetVariables(e.Variables);
    }

    private void Apply(TokenEntered e)
    {
        _tokens.Add(new ProcessToken(e.TokenId, e.NodeId, e.ScopeTokenId, e.FlowId));
        if (e.FlowId is not null) _takenFlows.Add(e.FlowId);
        IdsIssued++;
    }

    private void Apply(ServiceCallRequested e)
    {
        _serviceCalls.RemoveAll(c => c.TaskId == e.TaskId);
        _serviceCalls.Add(new PendingServiceCall(e.TaskId, e.NodeId, e.Endpoint, e.Attempt, Awaiting: true, LastError: null));
    }

    private void Apply(BusinessRuleEvaluated e)
    {
        _variables = _variables.SetItem(e.ResultVariable, e.Result);
        NoteMissing(e.NodeId, e.MissingVariables);
    }

    /// <summary>Whatever waited at the token (task, call, message, incident) leaves with it.</summary>
    private void RemoveToken(string tokenId)
    {
        _tokens.RemoveAll(t => t.Id == tokenId);
        _userTasks.RemoveAll(t => t.TaskId == tokenId);
        _serviceCalls.RemoveAll(c => c.TaskId == tokenId);
        _messageWaits.RemoveAll(w => w.TokenId == tokenId);
        _incidents.RemoveAll(i => i.TokenId == tokenId);
    }

    private void NoteMissing(string nodeId, IReadOnlyList<string> names)
    {
        if (names.Count > 0) _missingVariables.Add(new MissingVariablesRead(nodeId, names));
    }

    private void SetVariables(IReadOnlyDictionary<string, JsonElement> changes) =>
        _variables = ProcessVariables.Merge(_variables, changes);

    private void Finish(ProcessStatus status, string? outcome, DateTimeOffset at)
    {
        (Status, Outcome, EndedAt) = (status, outcome, at);
        _incidents.Clear();
    }

    private static void Replace<T>(List<T> items, Predicate<T> match, Func<T, T> change)
    {
        var index = items.FindIndex(match);
        if (index >= 0) items[index] = change(items[index]);
    }
}

public enum ProcessStatus
{
    NotStarted,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>A token at a node; <paramref name="ScopeTokenId"/> is the token of the sub-process it runs in.</summary>
public sealed record ProcessToken(string Id, string NodeId, string? ScopeTokenId, string? ArrivedVia);

public sealed record OpenUserTask(string TaskId, string NodeId, string? Name, string? CandidateRole, string? Queue, DateTimeOffset? DueAt, string? Form, DateTimeOffset CreatedAt);

/// <summary>A service call in progress: awaiting the result of <paramref name="Attempt"/>, or failed and stuck in an incident.</summary>
public sealed record PendingServiceCall(string TaskId, string NodeId, string Endpoint, int Attempt, bool Awaiting, string? LastError);

public sealed record ScheduledTimer(string TimerId, string NodeId, string TokenId, DateTimeOffset DueAt, int? FiringsLeft);

public sealed record MessageWait(string TokenId, string NodeId, string MessageName, string? CorrelationKey);

public sealed record Incident(string IncidentId, string TokenId, string NodeId, string Reason, DateTimeOffset RaisedAt);

/// <summary>A rule at <paramref name="NodeId"/> read <paramref name="Names"/>, which the instance did not have (they read as null).</summary>
public sealed record MissingVariablesRead(string NodeId, IReadOnlyList<string> Names);
