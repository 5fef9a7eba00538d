namespace Ktp.Domain.Orders;

// Events of a service's stream beside the engine's own: who works on a user task. The engine ignores them.

/// <summary>A dispatcher (or the executor, taking it) gave user task <paramref name="TaskId"/> to a person.</summary>
public sealed record TaskAssigned(string TaskId, Guid UserId, string UserName, string By, DateTimeOffset At);

/// <summary>The executor gave the task back undone, saying why; it is unassigned again.</summary>
public sealed record TaskReturned(string TaskId, string Comment, string By, DateTimeOffset At);
