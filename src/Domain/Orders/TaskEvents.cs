namespace Ktp.Domain.Orders;

// Events of a user task's own stream: who works on it. (Workspaces from before task streams have the first two in the
// service's stream, where the service still reads them.)

/// <summary>A dispatcher (or the executor, taking it) gave user task <paramref name="TaskId"/> to a person.</summary>
public sealed record TaskAssigned(string TaskId, Guid UserId, string UserName, string By, DateTimeOffset At);

/// <summary>The executor gave the task back undone, saying why; it is unassigned again.</summary>
public sealed record TaskReturned(string TaskId, string Comment, string By, DateTimeOffset At);

/// <summary>The task was done by <paramref name="By"/> (the process goes on with the form's values, recorded in the service's stream).</summary>
public sealed record TaskDone(string TaskId, Guid UserId, string By, DateTimeOffset At);
