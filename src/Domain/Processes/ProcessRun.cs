using System.Text.Json;

namespace Ktp.Domain.Processes;

/// <summary>
/// One decision in progress: every event is applied to a working copy of the state as it is emitted, so each
/// step sees the effect of the previous ones. Tokens that arrive at a node are queued and executed in order.
/// </summary>
internal sealed partial class ProcessRun(ProcessDefinition definition, ProcessInstance state, DateTimeOffset at)
{
    private readonly ProcessInstance _state = state.Copy();
    private readonly List<object> _events = [];
    private readonly Queue<string> _arrived = new();

    public IReadOnlyList<object> Events => _events;

    public void Start(string instanceId, IReadOnlyDictionary<string, JsonElement> variables)
    {
        Emit(new InstanceStarted(instanceId, definition.Key, definition.Version, variables, at));
        Enter(definition.StartEventId, scopeTokenId: null, flowId: null);
        Run();
    }

    public void CompleteUserTask(string taskId, IReadOnlyDictionary<string, JsonElement> output)
    {
        var task = _state.UserTasks.FirstOrDefault(t => t.TaskId == taskId)
            ?? throw new ProcessItemNotFoundException($"Instance {_state.InstanceId} has no open user task {taskId}.");
        Emit(new UserTaskCompleted(task.TaskId, output, at));
        LeaveAll(Token(task.TaskId));
        Run();
    }

    public void ReceiveMessage(string messageName, string? correlationKey, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var wait = _state.MessageWaits.FirstOrDefault(w => w.MessageName == messageName && (w.CorrelationKey is null || w.CorrelationKey == correlationKey))
            ?? throw new ProcessItemNotFoundException($"Instance {_state.InstanceId} does not wait for message \"{messageName}\" with key \"{correlationKey}\".");
        Emit(new MessageCorrelated(wait.TokenId, messageName, correlationKey, variables, at));
        LeaveAll(Token(wait.TokenId));
        Run();
    }

    public void Cancel(string reason, string by)
    {
        WithdrawEverything(reason);
        Emit(new InstanceCancelled(reason, by, at));
    }

    /// <summary>Executes queued arrivals until every token waits or has ended, then checks joins and completion.</summary>
    private void Run()
    {
        do
        {
            while (_arrived.TryDequeue(out var tokenId))
            {
                if (_state.Status != ProcessStatus.Running) return;
                if (_state.Tokens.FirstOrDefault(t => t.Id == tokenId) is { } token) Execute(token);
            }
        }
        while (_state.Status == ProcessStatus.Running && FireReadyInclusiveJoins());

        if (_state.Status == ProcessStatus.Running && _state.Tokens.Count == 0)
            Emit(new InstanceCompleted(at));
    }

    private void Execute(ProcessToken token)
    {
        switch (definition.Node(token.NodeId))
        {
            case StartEvent or NoneTask or BoundaryEvent:
                LeaveAll(token);
                break;
            case EndEvent end:
                Emit(new NodeCompleted(token.Id, end.Id, at));
                if (end.ThrowsError) ThrowError(token, end);
                else ScopeMayBeDone(token.ScopeTokenId);
                break;
            case UserTask task:
                ScheduleBoundaryTimers(token);
                Emit(new UserTaskCreated(token.Id, task.Id, task.Name, task.CandidateRole, task.Queue, at + task.Due, task.Form, at));
                break;
            case ServiceTask task:
                ScheduleBoundaryTimers(token);
                RequestCall(token, task, attempt: 1);
                break;
            case BusinessRuleTask task:
                var outcome = task.Rule.Evaluate(_state.Variables);
                Emit(new BusinessRuleEvaluated(token.Id, task.Id, task.ResultVariable, ProcessVariables.ToElement(outcome.Value), outcome.MissingVariables, at));
                LeaveAll(token);
                break;
            case ExclusiveGateway gateway:
                PassExclusive(token, gateway);
                break;
            case ParallelGateway gateway:
                PassParallel(token, gateway);
                break;
            case InclusiveGateway gateway:
                PassInclusive(token, gateway);
                break;
            case TimerCatchEvent timer:
                // A cycle on an intermediate event only delays the token once: its first occurrence.
                Emit(new TimerScheduled(NextId(), timer.Id, token.Id, timer.Timer.FirstDueAt(at), FiringsLeft: 1, at));
                break;
            case MessageCatchEvent message:
                AwaitMessage(token, message);
                break;
            case SubProcess subProcess:
                ScheduleBoundaryTimers(token);
                Enter(subProcess.StartEventId, token.Id, flowId: null);
                break;
        }
    }

    private void AwaitMessage(ProcessToken token, MessageCatchEvent message)
    {
        string? key = null;
        if (message.CorrelationVariable is { } variable)
        {
            if (!_state.Variables.TryGetValue(variable, out var value) || value.ValueKind is JsonValueKind.Null)
            {
                RaiseIncident(token, $"The correlation variable \"{variable}\" of message \"{message.MessageName}\" is missing.");
                return;
            }
            key = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }
        Emit(new MessageAwaited(token.Id, message.Id, message.MessageName, key, at));
    }

    /// <summary>Completes the token's node and sends a new token along each flow (none: the path ends here).</summary>
    private void Leave(ProcessToken token, IEnumerable<SequenceFlow> flows)
    {
        Emit(new NodeCompleted(token.Id, token.NodeId, at));
        CancelTimersOf(token.Id);
        var any = false;
        foreach (var flow in flows)
        {
            Enter(flow.TargetId, token.ScopeTokenId, flow.Id);
            any = true;
        }
        if (!any) ScopeMayBeDone(token.ScopeTokenId);
    }

    private void LeaveAll(ProcessToken token) => Leave(token, definition.Outgoing(definition.Node(token.NodeId)));

    /// <summary>A sub-process whose last inner token ended is complete; the top level is checked when the run ends.</summary>
    private void ScopeMayBeDone(string? scopeTokenId)
    {
        if (scopeTokenId is not null && _state.Tokens.All(t => t.ScopeTokenId != scopeTokenId))
            LeaveAll(Token(scopeTokenId));
    }

    private void Enter(string nodeId, string? scopeTokenId, string? flowId)
    {
        var id = NextId();
        Emit(new TokenEntered(id, nodeId, scopeTokenId, flowId, at));
        _arrived.Enqueue(id);
    }

    private void RaiseIncident(ProcessToken token, string reason) => Emit(new IncidentRaised(NextId(), token.Id, token.NodeId, reason, at));

    private ProcessToken Token(string tokenId) => _state.Tokens.First(t => t.Id == tokenId);

    /// <summary>The id the next id-introducing event gets; call it only while building that event.</summary>
    private string NextId() => $"{_state.InstanceId}#{_state.IdsIssued + 1}";

    private void Emit(object @event)
    {
        _events.Add(@event);
        _state.Apply(@event);
    }
}
