using System.Text.Json;

namespace Ktp.Domain.Processes;

// Service call results, and incidents: a person retries (any incident) or skips (a stuck service task).
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
}
