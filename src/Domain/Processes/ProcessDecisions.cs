namespace Ktp.Domain.Processes;

/// <summary>
/// The engine: given the definition, the instance's state and a command, the events to append. Pure and
/// deterministic: time comes from the command, ids from the events already applied. A command that does not
/// fit throws <see cref="ProcessException"/> (<see cref="ProcessItemNotFoundException"/> for an unknown or
/// finished task, timer, incident or message wait); the state passed in is never changed.
/// </summary>
public static class ProcessDecisions
{
    public static IReadOnlyList<object> Decide(ProcessDefinition definition, ProcessInstance state, ProcessCommand command)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command is StartProcess start)
        {
            if (state.Status != ProcessStatus.NotStarted) throw new ProcessException($"Instance {state.InstanceId} is already started.");
            ArgumentException.ThrowIfNullOrWhiteSpace(start.InstanceId, nameof(command));
        }
        else
        {
            RequireRunning(state);
            if (definition.Key != state.DefinitionKey || definition.Version != state.DefinitionVersion)
                throw new ArgumentException(
                    $"Instance {state.InstanceId} runs on {state.DefinitionKey} version {state.DefinitionVersion}, not {definition.Key} version {definition.Version}.",
                    nameof(definition));
        }

        var run = new ProcessRun(definition, state, command.At);
        switch (command)
        {
            case StartProcess c: run.Start(c.InstanceId, c.Variables); break;
            case CompleteUserTask c: run.CompleteUserTask(c.TaskId, c.Output); break;
            case ReportServiceSuccess c: run.ServiceSucceeded(c.TaskId, c.Attempt, c.Output); break;
            case ReportServiceFailure c: run.ServiceFailed(c.TaskId, c.Attempt, c.Error); break;
            case RetryIncident c: run.RetryIncident(c.IncidentId, c.By, c.Variables); break;
            case SkipIncident c: run.SkipIncident(c.IncidentId, c.By, c.Output); break;
            case FireTimer c: run.FireTimer(c.TimerId); break;
            case ReceiveMessage c: run.ReceiveMessage(c.MessageName, c.CorrelationKey, c.Variables); break;
            case CancelProcess c: run.Cancel(c.Reason, c.By); break;
            default: throw new ArgumentException($"{command.GetType().Name} is not handled.", nameof(command));
        }
        return run.Events;
    }

    private static void RequireRunning(ProcessInstance state)
    {
        if (state.Status == ProcessStatus.NotStarted) throw new ProcessItemNotFoundException("The process instance is not started.");
        if (state.IsFinished) throw new ProcessException($"Instance {state.InstanceId} is {state.Status.ToString().ToLowerInvariant()}; it takes no more commands.");
    }
}
