using System.Text.Json;
using Ktp.Domain.Processes;

namespace Ktp.Domain.Orders;

/// <summary>
/// State of an ordered service's stream: its process instance, and who works on each open user task.
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

    public OpenUserTask OpenTask(string taskId) =>
        Process.UserTasks.FirstOrDefault(t => t.TaskId == taskId)
        ?? throw new ProcessItemNotFoundException($"Task {taskId} is not open: it was done, withdrawn or never existed.");
}

public sealed record Assignee(Guid UserId, string Name);

/// <summary>Who acts on a task, and whether they may act on others' tasks (a dispatcher).</summary>
public sealed record TaskActor(Guid UserId, string Name, bool Dispatcher);

public abstract record ServiceCommand(DateTimeOffset At);

/// <summary>A command for the service's process, decided by the engine on <paramref name="Definition"/>.</summary>
public sealed record RunProcess(ProcessDefinition Definition, ProcessCommand Command) : ServiceCommand(Command.At);

public sealed record AssignTask(string TaskId, Guid UserId, string UserName, TaskActor By, DateTimeOffset At) : ServiceCommand(At);

public sealed record CompleteTask(ProcessDefinition Definition, string TaskId, IReadOnlyDictionary<string, JsonElement> Output, TaskActor By, DateTimeOffset At)
    : ServiceCommand(At);

public sealed record ReturnTask(string TaskId, string Comment, TaskActor By, DateTimeOffset At) : ServiceCommand(At);

public static class ServiceDecisions
{
    public static IReadOnlyList<object> Decide(ServiceWork state, ServiceCommand command) => command switch
    {
        RunProcess c => ProcessDecisions.Decide(c.Definition, state.Process, c.Command),
        AssignTask c => Assign(state, c),
        CompleteTask c => Complete(state, c),
        ReturnTask c => Return(state, c),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a service command.", nameof(command)),
    };

    private static IReadOnlyList<object> Assign(ServiceWork state, AssignTask c)
    {
        state.OpenTask(c.TaskId);
        var current = state.Assignees.GetValueOrDefault(c.TaskId);
        if (current?.UserId == c.UserId) return [];
        var takingForThemselves = c.UserId == c.By.UserId && current is null;
        if (!takingForThemselves && !c.By.Dispatcher) throw new ProcessException("Only a dispatcher gives tasks to people or takes them from someone.");
        return [new TaskAssigned(c.TaskId, c.UserId, c.UserName, c.By.Name, c.At)];
    }

    private static IReadOnlyList<object> Complete(ServiceWork state, CompleteTask c)
    {
        state.OpenTask(c.TaskId);
        var current = state.Assignees.GetValueOrDefault(c.TaskId);
        if (current is not null && current.UserId != c.By.UserId && !c.By.Dispatcher)
            throw new ProcessException($"The task is {current.Name}'s; only they or a dispatcher can complete it.");
        var events = new List<object>();
        if (current is null) events.Add(new TaskAssigned(c.TaskId, c.By.UserId, c.By.Name, c.By.Name, c.At));
        events.AddRange(ProcessDecisions.Decide(c.Definition, state.Process, new CompleteUserTask(c.TaskId, c.Output, c.At)));
        return events;
    }

    private static IReadOnlyList<object> Return(ServiceWork state, ReturnTask c)
    {
        state.OpenTask(c.TaskId);
        if (string.IsNullOrWhiteSpace(c.Comment)) throw new Common.ValidationFailedException("comment", "Say why the task goes back.");
        var current = state.Assignees.GetValueOrDefault(c.TaskId);
        if (current is not null && current.UserId != c.By.UserId && !c.By.Dispatcher)
            throw new ProcessException($"The task is {current.Name}'s; only they or a dispatcher can return it.");
        return [new TaskReturned(c.TaskId, c.Comment.Trim(), c.By.Name, c.At)];
    }
}
