using Ktp.Domain.Processes;

namespace Ktp.Domain.Orders;

/// <summary>
/// State of an ordered service's stream: its process instance. (Who worked on its user tasks is in each task's own
/// stream; workspaces from before task streams recorded it here, and <see cref="Assignees"/> keeps what they recorded.)
/// </summary>
public sealed class ServiceWork
{
    private readonly Dictionary<string, Assignee> _assignees = new(StringComparer.Ordinal);

    public ProcessInstance Process { get; } = new();
    public IReadOnlyDictionary<string, Assignee> Assignees => _assignees;

    public static ServiceWork From(IEnumerable<object> events)
    {
        var work = new ServiceWork();
        foreach (var e in events) work.Apply(e);
        return work;
    }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case TaskAssigned e: _assignees[e.TaskId] = new Assignee(e.UserId, e.UserName); break;
            case TaskReturned e: _assignees.Remove(e.TaskId); break;
            default: Process.Apply(@event); break;
        }
    }

    /// <summary>The user task as the process has it open; null when it was done, withdrawn or never existed.</summary>
    public OpenUserTask? OpenTask(string taskId) => Process.UserTasks.FirstOrDefault(t => t.TaskId == taskId);
}

public sealed record Assignee(Guid UserId, string Name);

public abstract record ServiceCommand(DateTimeOffset At);

/// <summary>A command for the service's process, decided by the engine on <paramref name="Definition"/>.</summary>
public sealed record RunProcess(ProcessDefinition Definition, ProcessCommand Command) : ServiceCommand(Command.At);

public static class ServiceDecisions
{
    public static IReadOnlyList<object> Decide(ServiceWork state, ServiceCommand command) => command switch
    {
        RunProcess c => ProcessDecisions.Decide(c.Definition, state.Process, c.Command),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a service command.", nameof(command)),
    };
}
