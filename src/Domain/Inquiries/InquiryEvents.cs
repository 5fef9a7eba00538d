using Ktp.Domain.Routing;
namespace Ktp.Domain.Inquiries;

// The inquiry's stream: one event per action, each saying who did it and when (so "as of" needs nothing
// else). Attribute values are in the stored text form of AttributeValue; "" means empty.

/// <summary>Every inquiry event: who did it and when.</summary>
public interface IInquiryEvent
{
    Actor By { get; }
    DateTimeOffset At { get; }
}

/// <summary>Attribute text before and after a change; "" is empty.</summary>
public sealed record AttributeChange(string Old, string New);

/// <summary>The inquiry was registered with the value of every active attribute of its topic (defaults applied).</summary>
public sealed record InquiryRegistered(
    InquiryId InquiryId, ProjectId ProjectId, ContactId ContactId, CustomerId? CustomerId,
    TopicId TopicId, TopicKind Kind, string Channel, string Priority,
    IReadOnlyDictionary<string, string> Attributes, InquiryId? ParentId, RouteRef? Route,
    Actor By, DateTimeOffset At, long Number) : IInquiryEvent;

public sealed record AttributesChanged(IReadOnlyDictionary<string, AttributeChange> Changes, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>Put into a queue of a route's process to wait there; <paramref name="SlaDueAt"/> is the step's deadline.</summary>
public sealed record InquiryQueued(string QueueCode, string ProcessCode, DateTimeOffset? SlaDueAt, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary><paramref name="By"/> took the inquiry into work.</summary>
public sealed record InquiryTaken(Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>Handed to another queue (it waits there) or to a person (who has it in work): exactly one target is set.</summary>
public sealed record InquiryTransferred(string? ToQueueCode, Actor? ToUser, string? Reason, Actor By, DateTimeOffset At) : IInquiryEvent;

public sealed record CommentAdded(string Text, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>A file (kept by the file store under <paramref name="FileId"/>) was attached.</summary>
public sealed record AttachmentAdded(Guid FileId, string FileName, long Size, string ContentType, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>A child inquiry for parallel work was created; the child's own stream starts with its registration.</summary>
public sealed record ChildInquiryCreated(InquiryId ChildId, Actor By, DateTimeOffset At) : IInquiryEvent;

public sealed record InquiryProcessed(string Result, Actor By, DateTimeOffset At) : IInquiryEvent;

public sealed record InquiryClosed(string Resolution, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>A closed inquiry was reopened; <paramref name="By"/> has it in work again.</summary>
/// <param name="SlaDueAt">The current step's fresh deadline from the reopening; null keeps the deadline it had (none configured, or an old event).</param>
public sealed record InquiryReopened(string Reason, Actor By, DateTimeOffset At, DateTimeOffset? SlaDueAt = null) : IInquiryEvent;

/// <summary>The deadline of route step <paramref name="Step"/> passed at <paramref name="BreachedAt"/>.</summary>
public sealed record SlaBreached(string Step, DateTimeOffset DueAt, DateTimeOffset BreachedAt, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>
/// The SLA policy's escalation level <paramref name="Level"/> (1 is the first) came due for the deadline
/// <paramref name="DueAt"/> of step <paramref name="Step"/>; <paramref name="Notified"/> names the people told.
/// </summary>
public sealed record SlaEscalated(string Step, DateTimeOffset DueAt, int Level, IReadOnlyList<string> Notified, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>The deadline of this one inquiry was moved by a manager.</summary>
public sealed record SlaChanged(DateTimeOffset? PreviousDueAt, DateTimeOffset NewDueAt, string Reason, Actor By, DateTimeOffset At) : IInquiryEvent;

public sealed record ResponsibleAssigned(Actor Responsible, Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>Linked to a system problem (mass incident) that is resolved for all its inquiries together.</summary>
public sealed record LinkedToProblem(Guid ProblemId, Actor By, DateTimeOffset At) : IInquiryEvent;

public sealed record InquiryArchived(Actor By, DateTimeOffset At) : IInquiryEvent;

/// <summary>Stable stored names of the inquiry events, for the event type registry.</summary>
public static class InquiryEventNames
{
    public const string StreamType = "inquiry";

    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(InquiryRegistered)] = "inquiry.registered",
        [typeof(AttributesChanged)] = "inquiry.attributes_changed",
        [typeof(InquiryQueued)] = "inquiry.queued",
        [typeof(InquiryTaken)] = "inquiry.taken",
        [typeof(InquiryTransferred)] = "inquiry.transferred",
        [typeof(CommentAdded)] = "inquiry.comment_added",
        [typeof(AttachmentAdded)] = "inquiry.attachment_added",
        [typeof(ChildInquiryCreated)] = "inquiry.child_created",
        [typeof(InquiryProcessed)] = "inquiry.processed",
        [typeof(InquiryClosed)] = "inquiry.closed",
        [typeof(InquiryReopened)] = "inquiry.reopened",
        [typeof(SlaBreached)] = "inquiry.sla_breached",
        [typeof(SlaEscalated)] = "inquiry.sla_escalated",
        [typeof(SlaChanged)] = "inquiry.sla_changed",
        [typeof(ResponsibleAssigned)] = "inquiry.responsible_assigned",
        [typeof(LinkedToProblem)] = "inquiry.linked_to_problem",
        [typeof(InquiryArchived)] = "inquiry.archived",
    };
}
