namespace Ktp.Domain.Processes;

/// <summary>
/// A deployed BPMN process: what <see cref="BpmnDeployer"/> accepted, immutable. Instances run on the
/// definition (key and version) they were started with.
/// </summary>
public sealed class ProcessDefinition
{
    private readonly Dictionary<string, IReadOnlyList<BoundaryEvent>> _boundaries;

    internal ProcessDefinition(
        string key, int version, string? name, IReadOnlyDictionary<string, FlowNode> elements, IReadOnlyDictionary<string, SequenceFlow> flows)
    {
        (Key, Version, Name, Elements, Flows) = (key, version, name, elements, flows);
        StartEventId = elements.Values.OfType<StartEvent>().Single(s => s.ScopeId is null).Id;
        _boundaries = elements.Values.OfType<BoundaryEvent>()
            .GroupBy(b => b.AttachedToId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BoundaryEvent>)g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>The id of the BPMN process element.</summary>
    public string Key { get; }
    public int Version { get; }
    public string? Name { get; }

    /// <summary>Every flow node by id, those inside sub-processes included.</summary>
    public IReadOnlyDictionary<string, FlowNode> Elements { get; }
    public IReadOnlyDictionary<string, SequenceFlow> Flows { get; }

    /// <summary>The none start event of the process itself.</summary>
    public string StartEventId { get; }

    public FlowNode Node(string id) => Elements[id];

    public IEnumerable<SequenceFlow> Outgoing(FlowNode node) => node.Outgoing.Select(id => Flows[id]);

    public IReadOnlyList<BoundaryEvent> BoundariesOf(string activityId) =>
        _boundaries.TryGetValue(activityId, out var attached) ? attached : [];
}

/// <summary>
/// A sequence flow. <paramref name="Condition"/> is set only on flows leaving exclusive or inclusive gateways.
/// </summary>
public sealed record SequenceFlow(string Id, string SourceId, string TargetId, ProcessCondition? Condition);
