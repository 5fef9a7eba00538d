using System.Text.Json;

namespace Ktp.Domain.Processes;

// Service calls, incidents, timers on activities, errors, and withdrawing tokens.
internal sealed partial class ProcessRun
{
    public void ServiceSucceeded(string taskId, int attempt, IReadOnlyDictionary<string, JsonElement> output)
    {
        var call = AwaitedCall(taskId, attempt);
        Emit(new ServiceCallSucceeded(call.TaskId, attempt, output, at));
        LeaveAll(Token(call.TaskId));
        Run();
    }

    public void ServiceFailed(string taskId, int attempt, string error)
    {
        var call = AwaitedCall(taskId, attempt);
        Emit(new ServiceCallFailed(call.TaskId, attempt, error, at));
        var task = (ServiceTask)definition.Node(call.NodeId);
        if (attempt <= task.Retries)
            RequestCall(Token(call.TaskId), task, attempt + 1);
        else
            RaiseIncident(Token(call.TaskId), $"The call to {task.Endpoint} failed {attempt} times; the last error: {error}");
    }

    public void RetryIncident(string incidentId, string by, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var incident = OpenIncident(incidentId);
        Emit(new IncidentRetried(incident.IncidentId, by, variables, at));
        var token = Token(incident.TokenId);
        if (definition.Node(token.NodeId) is ServiceTask task)
            RequestCall(token, task, _state.ServiceCalls.First(c => c.TaskId == token.Id).Attempt + 1);
        else
        {
            _arrived.Enqueue(token.Id);
            Run();
        }
    }

    public void SkipIncident(string incidentId, string by, IReadOnlyDictionary<string, JsonElement> output)
    {
        var incident = OpenIncident(incidentId);
        if (definition.Node(incident.NodeId) is not ServiceTask)
            throw new ProcessException($"Incident {incidentId} is at {incident.NodeId}, not at a service task; only a service task can be skipped. Retry it instead.");
        Emit(new IncidentSkipped(incident.IncidentId, by, output, at));
        LeaveAll(Token(incident.TokenId));
        Run();
    }

    private void RequestCall(ProcessToken token, ServiceTask task, int attempt) =>
        Emit(new ServiceCallRequested(token.Id, task.Id, task.Endpoint, attempt, _state.Variables, at));

    private PendingServiceCall AwaitedCall(string taskId, int attempt)
    {
        var call = _state.ServiceCalls.FirstOrDefault(c => c.TaskId == taskId)
            ?? throw new ProcessItemNotFoundException($"Instance {_state.InstanceId} has no service call in progress for task {taskId}.");
        if (!call.Awaiting) throw new ProcessException($"Service task {taskId} is stuck in an incident; retry or skip the incident.");
        if (call.Attempt != attempt) throw new ProcessException($"Service task {taskId} awaits attempt {call.Attempt}, not {attempt}.");
        return call;
    }

    private Incident OpenIncident(string incidentId) =>
        _state.Incidents.FirstOrDefault(i => i.IncidentId == incidentId)
        ?? throw new ProcessItemNotFoundException($"Instance {_state.InstanceId} has no open incident {incidentId}.");

    private void ScheduleBoundaryTimers(ProcessToken token)
    {
        foreach (var boundary in definition.BoundariesOf(token.NodeId).OfType<TimerBoundaryEvent>())
            Emit(new TimerScheduled(NextId(), boundary.Id, token.Id, boundary.Timer.FirstDueAt(at), boundary.CancelsActivity ? 1 : boundary.Timer.Firings, at));
    }

    private void CancelTimersOf(string tokenId)
    {
        foreach (var timer in _state.Timers.Where(t => t.TokenId == tokenId).ToList())
            Emit(new TimerCancelled(timer.TimerId, at));
    }

    /// <summary>
    /// The error goes up through the sub-processes around the end event until an error boundary event catches
    /// it (one naming the code before a catch-all); uncaught, it fails the instance.
    /// </summary>
    private void ThrowError(ProcessToken token, EndEvent end)
    {
        var code = end.ErrorCode!;
        for (var scopeId = token.ScopeTokenId; scopeId is not null;)
        {
            var scope = Token(scopeId);
            var catcher = definition.BoundariesOf(scope.NodeId).OfType<ErrorBoundaryEvent>()
                .Where(b => b.Catches(code)).OrderBy(b => b.ErrorCode is null).FirstOrDefault();
            if (catcher is not null)
            {
                Emit(new ErrorThrown(token.Id, end.Id, code, catcher.Id, at));
                Interrupt(scope, $"Error {code} was caught by {catcher.Id}.");
                Enter(catcher.Id, scope.ScopeTokenId, flowId: null);
                return;
            }
            scopeId = scope.ScopeTokenId;
        }
        Emit(new ErrorThrown(token.Id, end.Id, code, CaughtBy: null, at));
        WithdrawEverything($"Error {code} was not caught.");
        Emit(new InstanceFailed(code, end.Id, at));
    }

    /// <summary>Withdraws the token, everything running inside it (for a sub-process) and its timers.</summary>
    private void Interrupt(ProcessToken token, string reason)
    {
        foreach (var inner in _state.Tokens.Where(t => t.ScopeTokenId == token.Id).ToList())
            Interrupt(inner, reason);
        CancelTimersOf(token.Id);
        Emit(new TokenCancelled(token.Id, token.NodeId, reason, at));
    }

    private void WithdrawEverything(string reason)
    {
        foreach (var token in _state.Tokens.Where(t => t.ScopeTokenId is null).ToList())
            Interrupt(token, reason);
    }
}
