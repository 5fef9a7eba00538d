using Ktp.Domain.Routing;


namespace Ktp.Infrastructure.Projects;

/// <summary>A route as the editor holds it; <see cref="ToDomain"/> gives the definition to validate and publish.</summary>
public sealed class RouteDraft
{
    public string RouteId { get; set; } = "";
    public string Name { get; set; } = "";
    public string StartProcess { get; set; } = "";
    public List<ProcessDraft> Processes { get; set; } = [];

    public static RouteDraft From(RouteDefinition route) => new()
    {
        RouteId = route.RouteId, Name = route.Name, StartProcess = route.StartProcess,
        Processes = [.. route.Processes.Select(ProcessDraft.From)],
    };

    public RouteDefinition ToDomain(int version) => new(RouteId.Trim(), Name.Trim(), version, StartProcess,
        [.. Processes.Select(p => p.ToDomain())]);
}

public sealed class ProcessDraft
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public List<QueueDraft> Queues { get; set; } = [];
    public List<RuleDraft> QueueRules { get; set; } = [];
    public string DefaultQueue { get; set; } = "";
    public List<RuleDraft> Transitions { get; set; } = [];
    public string DefaultNext { get; set; } = Transition.Close;

    public static ProcessDraft From(ProcessDefinition p) => new()
    {
        Code = p.Code, Name = p.Name, DefaultQueue = p.DefaultQueue, DefaultNext = p.DefaultNext,
        Queues = [.. p.Queues.Select(q => new QueueDraft { Code = q.Code, Name = q.Name })],
        QueueRules = [.. p.QueueRules.Select(r => new RuleDraft { Condition = r.Condition, Target = r.Queue })],
        Transitions = [.. p.Transitions.Select(t => new RuleDraft { Condition = t.Condition, Target = t.Target })],
    };

    public ProcessDefinition ToDomain() => new(Code.Trim(), Name.Trim(),
        [.. Queues.Select(q => new QueueDefinition(q.Code.Trim(), q.Name.Trim()))],
        [.. QueueRules.Select(r => new QueueRule(r.Condition, r.Target))],
        DefaultQueue,
        [.. Transitions.Select(t => new Transition(t.Condition, t.Target))],
        DefaultNext);
}

public sealed class QueueDraft
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>A queue rule (target: a queue code) or a transition (target: a process code or close).</summary>
public sealed class RuleDraft
{
    public string Condition { get; set; } = "";
    public string Target { get; set; } = "";
}
