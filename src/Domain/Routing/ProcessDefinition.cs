namespace Ktp.Domain.Routing;

/// <summary>
/// A step of a route ("процесс"). An inquiry entering it is put into one of its <see cref="Queues"/>:
/// the first <see cref="QueueRules"/> entry whose condition holds, else <see cref="DefaultQueue"/>.
/// When the step is processed it leaves by the first <see cref="Transitions"/> entry whose condition holds,
/// else by <see cref="DefaultNext"/> (a process code or <see cref="Transition.Close"/>).
/// </summary>
public sealed record ProcessDefinition(
    string Code,
    string Name,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<QueueRule> QueueRules,
    string DefaultQueue,
    IReadOnlyList<Transition> Transitions,
    string DefaultNext)
{
    private readonly IReadOnlyList<QueueDefinition> _queues = [.. Queues ?? []];
    private readonly IReadOnlyList<QueueRule> _queueRules = [.. QueueRules ?? []];
    private readonly IReadOnlyList<Transition> _transitions = [.. Transitions ?? []];

    public IReadOnlyList<QueueDefinition> Queues { get => _queues; init => _queues = [.. value ?? []]; }
    public IReadOnlyList<QueueRule> QueueRules { get => _queueRules; init => _queueRules = [.. value ?? []]; }
    public IReadOnlyList<Transition> Transitions { get => _transitions; init => _transitions = [.. value ?? []]; }
}

/// <summary>A work queue of a process ("очередь"); operators and executors take inquiries from it.</summary>
public sealed record QueueDefinition(string Code, string Name);

/// <summary>"Rule on a queue": when the JsonLogic <paramref name="Condition"/> holds, the inquiry goes to <paramref name="Queue"/>.</summary>
public sealed record QueueRule(string Condition, string Queue);

/// <summary>"Rule on a transition": when the JsonLogic <paramref name="Condition"/> holds, the inquiry goes to <paramref name="Target"/>.</summary>
/// <param name="Target">A process code of the same route, or <see cref="Close"/>.</param>
public sealed record Transition(string Condition, string Target)
{
    /// <summary>The target that closes the inquiry; no process may use this code.</summary>
    public const string Close = "close";
}
