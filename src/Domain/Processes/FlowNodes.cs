namespace Ktp.Domain.Processes;

// The BPMN elements the engine runs. Every node knows the sub-process it sits in (ScopeId, null at the
// top) and its flows in document order; gateways decide in that order too.

public abstract record FlowNode(string Id, string? Name, string? ScopeId)
{
    public IReadOnlyList<string> Incoming { get; init; } = [];
    public IReadOnlyList<string> Outgoing { get; init; } = [];

    /// <summary>The BPMN element name ("userTask"), as refusals and diagrams name it.</summary>
    public abstract string Kind { get; }
}

/// <summary>A none start event, of the process or of a sub-process.</summary>
public sealed record StartEvent(string Id, string? Name, string? ScopeId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "startEvent";
}

/// <summary>An end event; with <paramref name="ErrorCode"/> set it is an error end event that throws that code.</summary>
public sealed record EndEvent(string Id, string? Name, string? ScopeId, string? ErrorCode) : FlowNode(Id, Name, ScopeId)
{
    public bool ThrowsError => ErrorCode is not null;
    public override string Kind => "endEvent";
}

/// <summary>An abstract BPMN <c>task</c>: it has no behaviour, the token passes through.</summary>
public sealed record NoneTask(string Id, string? Name, string? ScopeId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "task";
}

/// <summary>Work for a person; <paramref name="Due"/> is counted from the task's creation.</summary>
public sealed record UserTask(string Id, string? Name, string? ScopeId, string? CandidateRole, string? Queue, TimeSpan? Due, string? Form)
    : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "userTask";
}

/// <summary>A call to another system at <paramref name="Endpoint"/>; after <paramref name="Retries"/> failed retries, an incident.</summary>
public sealed record ServiceTask(string Id, string? Name, string? ScopeId, string Endpoint, int Retries) : FlowNode(Id, Name, ScopeId)
{
    public const int DefaultRetries = 3;
    public override string Kind => "serviceTask";
}

/// <summary>Evaluates a JsonLogic rule over the variables and stores the result in <paramref name="ResultVariable"/>.</summary>
public sealed record BusinessRuleTask(string Id, string? Name, string? ScopeId, ProcessCondition Rule, string ResultVariable)
    : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "businessRuleTask";
}

/// <summary>Takes the first outgoing flow whose condition holds, else <paramref name="DefaultFlowId"/>.</summary>
public sealed record ExclusiveGateway(string Id, string? Name, string? ScopeId, string? DefaultFlowId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "exclusiveGateway";
}

/// <summary>Forks to every outgoing flow; joins by waiting for a token on every incoming flow.</summary>
public sealed record ParallelGateway(string Id, string? Name, string? ScopeId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "parallelGateway";
}

/// <summary>Forks to every flow whose condition holds (else the default); joins once no further token can arrive.</summary>
public sealed record InclusiveGateway(string Id, string? Name, string? ScopeId, string? DefaultFlowId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "inclusiveGateway";
}

/// <summary>An intermediate catch event that waits for a timer.</summary>
public sealed record TimerCatchEvent(string Id, string? Name, string? ScopeId, TimerDefinition Timer) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "intermediateCatchEvent";
}

/// <summary>
/// An intermediate catch event that waits for message <paramref name="MessageName"/>. With
/// <paramref name="CorrelationVariable"/> set, only a message carrying that variable's value as its key is taken.
/// </summary>
public sealed record MessageCatchEvent(string Id, string? Name, string? ScopeId, string MessageName, string? CorrelationVariable)
    : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "intermediateCatchEvent";
}

/// <summary>An embedded sub-process: its own none start event and the nodes whose ScopeId is its id.</summary>
public sealed record SubProcess(string Id, string? Name, string? ScopeId, string StartEventId) : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "subProcess";
}

/// <summary>An event attached to an activity.</summary>
public abstract record BoundaryEvent(string Id, string? Name, string? ScopeId, string AttachedToId, bool CancelsActivity)
    : FlowNode(Id, Name, ScopeId)
{
    public override string Kind => "boundaryEvent";
}

public sealed record TimerBoundaryEvent(string Id, string? Name, string? ScopeId, string AttachedToId, bool CancelsActivity, TimerDefinition Timer)
    : BoundaryEvent(Id, Name, ScopeId, AttachedToId, CancelsActivity);

/// <summary>Catches an error thrown inside the activity: code <paramref name="ErrorCode"/>, or any error when it is null.</summary>
public sealed record ErrorBoundaryEvent(string Id, string? Name, string? ScopeId, string AttachedToId, string? ErrorCode)
    : BoundaryEvent(Id, Name, ScopeId, AttachedToId, CancelsActivity: true)
{
    public bool Catches(string code) => ErrorCode is null || ErrorCode == code;
}
