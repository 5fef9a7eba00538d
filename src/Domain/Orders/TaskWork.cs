using System.Security.Cryptography;
using System.Text;
using Ktp.Domain.Processes;

namespace Ktp.Domain.Orders;

/// <summary>State of a user task's own stream: who has the task, and whether it was done.</summary>
public sealed class TaskWork
{
    public Assignee? Assignee { get; private set; }
    public bool Done { get; private set; }

    /// <summary>
    /// The stream id of task <paramref name="taskId"/> of service <paramref name="serviceId"/>: made from both, so that
    /// every node finds the same stream without a lookup.
    /// </summary>
    public static Guid StreamId(Guid serviceId, string taskId)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"order_task/{serviceId:N}/{taskId}"));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x30); // a name-based (version 3) id, in Guid's byte order
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash);
    }

    /// <param name="events">The task stream's events.</param>
    /// <param name="earlier">Who had the task before it had a stream of its own (recorded in the service's stream).</param>
    public static TaskWork From(IEnumerable<object> events, Assignee? earlier = null)
    {
        var work = new TaskWork { Assignee = earlier };
        foreach (var e in events) work.Apply(e);
        return work;
    }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case TaskAssigned e: Assignee = new Assignee(e.UserId, e.UserName); break;
            case TaskReturned: Assignee = null; break;
            case TaskDone: Done = true; break;
        }
    }
}

/// <summary>Who acts on a task, and whether they may act on others' tasks (a dispatcher).</summary>
public sealed record TaskActor(Guid UserId, string Name, bool Dispatcher);

/// <summary>
/// A person's command on user task <paramref name="TaskId"/>. <paramref name="Open"/> is the task as the service's
/// process has it open; null: the process has no such open task (it was done, withdrawn or never existed).
/// </summary>
public abstract record TaskCommand(string TaskId, OpenUserTask? Open, TaskActor By, DateTimeOffset At);

public sealed record AssignTask(string TaskId, OpenUserTask? Open, Guid UserId, string UserName, TaskActor By, DateTimeOffset At)
    : TaskCommand(TaskId, Open, By, At);

/// <summary>The task is done; the process then completes it with the form's values (<see cref="CompleteUserTask"/>).</summary>
public sealed record CompleteTask(string TaskId, OpenUserTask? Open, TaskActor By, DateTimeOffset At) : TaskCommand(TaskId, Open, By, At);

public sealed record ReturnTask(string TaskId, OpenUserTask? Open, string Comment, TaskActor By, DateTimeOffset At) : TaskCommand(TaskId, Open, By, At);

/// <summary>Who may take, give, complete and return a task.</summary>
public static class TaskDecisions
{
    public static IReadOnlyList<object> Decide(TaskWork state, TaskCommand command)
    {
        if (command.Open is null || state.Done)
            throw new ProcessItemNotFoundException($"Task {command.TaskId} is not open: it was done, withdrawn or never existed.");
        return command switch
        {
            AssignTask c => Assign(state, c),
            CompleteTask c => Complete(state, c),
            ReturnTask c => Return(state, c),
            _ => throw new ArgumentException($"{command.GetType().Name} is not a task command.", nameof(command)),
        };
    }

    private static IReadOnlyList<object> Assign(TaskWork state, AssignTask c)
    {
        if (state.Assignee?.UserId == c.UserId) return [];
        var takingForThemselves = c.UserId == c.By.UserId && state.Assignee is null;
        if (!takingForThemselves && !c.By.Dispatcher) throw new ProcessException("Only a dispatcher gives tasks to people or takes them from someone.");
        return [new TaskAssigned(c.TaskId, c.UserId, c.UserName, c.By.Name, c.At)];
    }

    private static IReadOnlyList<object> Complete(TaskWork state, CompleteTask c)
    {
        if (state.Assignee is { } current && current.UserId != c.By.UserId && !c.By.Dispatcher)
            throw new ProcessException($"The task is {current.Name}'s; only they or a dispatcher can complete it.");
        return state.Assignee is null
            ? [new TaskAssigned(c.TaskId, c.By.UserId, c.By.Name, c.By.Name, c.At), new TaskDone(c.TaskId, c.By.UserId, c.By.Name, c.At)]
            : [new TaskDone(c.TaskId, c.By.UserId, c.By.Name, c.At)];
    }

    private static IReadOnlyList<object> Return(TaskWork state, ReturnTask c)
    {
        if (string.IsNullOrWhiteSpace(c.Comment)) throw new Common.ValidationFailedException("comment", "Say why the task goes back.");
        if (state.Assignee is { } current && current.UserId != c.By.UserId && !c.By.Dispatcher)
            throw new ProcessException($"The task is {current.Name}'s; only they or a dispatcher can return it.");
        return [new TaskReturned(c.TaskId, c.Comment.Trim(), c.By.Name, c.At)];
    }
}
