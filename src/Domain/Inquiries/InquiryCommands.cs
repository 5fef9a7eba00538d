using Ktp.Domain.Routing;
namespace Ktp.Domain.Inquiries;

/// <summary>What every inquiry command carries: who asks, when, and what they saw.</summary>
/// <param name="By">The user (or <see cref="Actor.System"/>) asking.</param>
/// <param name="At">When, as the caller's clock says; it becomes the event's time.</param>
public abstract record InquiryCommand(Actor By, DateTimeOffset At)
{
    /// <summary>The version the caller's view was built from; a different current version refuses the command. Null skips the check.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>The caller holds <c>inquiries.manage</c>: may act on inquiries others have in work and change deadlines.</summary>
    public bool ByManager { get; init; }
}

/// <summary>
/// Registers a new inquiry on <paramref name="Topic"/> (from <see cref="TopicCatalog.Effective"/>).
/// <paramref name="Attributes"/> holds text per attribute code; codes left out take their default.
/// </summary>
public sealed record RegisterInquiry(
    InquiryId InquiryId, ProjectId ProjectId, ContactId ContactId, CustomerId? CustomerId,
    EffectiveTopic Topic, string Channel, string Priority, IReadOnlyDictionary<string, string?> Attributes,
    Actor By, DateTimeOffset At) : InquiryCommand(By, At)
{
    public InquiryId? ParentId { get; init; }
    public RouteRef? Route { get; init; }
    public CustomerFacts? Customer { get; init; }

    /// <summary>The tenant's next inquiry number, taken in the registering transaction.</summary>
    public long Number { get; init; }
}

/// <summary>Sets attribute values (text per code; null or blank clears). <paramref name="Topic"/> must be the inquiry's topic.</summary>
public sealed record ChangeAttributes(EffectiveTopic Topic, IReadOnlyDictionary<string, string?> Values, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At)
{
    public CustomerFacts? Customer { get; init; }
}

/// <summary>Puts the inquiry into a queue of a route's process (first routing, next step, or re-queue).</summary>
public sealed record QueueInquiry(string QueueCode, string ProcessCode, DateTimeOffset? SlaDueAt, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At);

/// <summary>The caller takes a waiting inquiry into work.</summary>
public sealed record TakeInquiry(Actor By, DateTimeOffset At) : InquiryCommand(By, At);

/// <summary>Hands the inquiry to a queue or to a person: set exactly one of <paramref name="ToQueueCode"/> and <paramref name="ToUser"/>.</summary>
public sealed record TransferInquiry(string? ToQueueCode, Actor? ToUser, string? Reason, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At)
{
    public static TransferInquiry ToQueue(string queue, string? reason, Actor by, DateTimeOffset at) => new(queue, null, reason, by, at);

    public static TransferInquiry ToPerson(Actor user, string? reason, Actor by, DateTimeOffset at) => new(null, user, reason, by, at);
}

public sealed record AddComment(string Text, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

/// <summary>Attaches a stored file; <paramref name="MaxSize"/> is the project's limit in bytes.</summary>
public sealed record AddAttachment(Guid FileId, string FileName, long Size, string ContentType, long MaxSize, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At);

/// <summary>Records a child inquiry on this (parent) inquiry; the child is registered by its own <see cref="RegisterInquiry"/>.</summary>
public sealed record CreateChildInquiry(InquiryId ChildId, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

public sealed record MarkProcessed(string Result, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

/// <summary>Closes the inquiry; its attributes must be valid for <paramref name="Topic"/> (the inquiry's topic).</summary>
public sealed record CloseInquiry(string Resolution, EffectiveTopic Topic, Actor By, DateTimeOffset At) : InquiryCommand(By, At)
{
    public CustomerFacts? Customer { get; init; }
}

public sealed record ReopenInquiry(string Reason, Actor By, DateTimeOffset At) : InquiryCommand(By, At)
{
    /// <summary>The current step's deadline counted again from the reopening (null: the step has no SLA).</summary>
    public DateTimeOffset? SlaDueAt { get; init; }
}

/// <summary>Records that step <paramref name="Step"/> was due at <paramref name="DueAt"/> and breached; repeats change nothing.</summary>
public sealed record RecordSlaBreach(string Step, DateTimeOffset DueAt, DateTimeOffset BreachedAt, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At);

/// <summary>
/// Records that escalation level <paramref name="Level"/> of the current deadline <paramref name="DueAt"/> came due and who was
/// notified. A level already reached, or a deadline that is no longer the current one, changes nothing.
/// </summary>
public sealed record RecordSlaEscalation(string Step, DateTimeOffset DueAt, int Level, IReadOnlyList<string> Notified, Actor By, DateTimeOffset At)
    : InquiryCommand(By, At);

/// <summary>A manager moves this inquiry's deadline.</summary>
public sealed record ChangeSla(DateTimeOffset NewDueAt, string Reason, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

public sealed record AssignResponsible(Actor Responsible, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

public sealed record LinkToProblem(Guid ProblemId, Actor By, DateTimeOffset At) : InquiryCommand(By, At);

public sealed record ArchiveInquiry(Actor By, DateTimeOffset At) : InquiryCommand(By, At);
