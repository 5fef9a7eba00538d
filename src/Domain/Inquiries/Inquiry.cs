using Ktp.Domain.Routing;
namespace Ktp.Domain.Inquiries;

/// <summary>
/// State of one inquiry, built by applying its events in order. <c>Apply</c> only assigns state; the rules
/// live in <see cref="InquiryDecisions"/>. A new instance is an inquiry not registered yet.
/// </summary>
public sealed class Inquiry
{
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private readonly List<InquiryId> _children = [];
    private readonly List<InquiryAttachment> _attachments = [];
    private readonly List<SlaBreachRecord> _breaches = [];
    private readonly List<Guid> _problems = [];

    /// <summary>Number of events applied: the expected version for the next append.</summary>
    public long Version { get; private set; }

    public InquiryStatus Status { get; private set; }
    public bool IsRegistered => Status != InquiryStatus.None;

    public InquiryId Id { get; private set; }

    /// <summary>The number people use for it, per tenant; carried in the event so a rebuild never renumbers.</summary>
    public long Number { get; private set; }
    public ProjectId ProjectId { get; private set; }
    public ContactId ContactId { get; private set; }
    public CustomerId? CustomerId { get; private set; }
    public TopicId TopicId { get; private set; }
    public TopicKind Kind { get; private set; }
    public string Channel { get; private set; } = "";
    public string Priority { get; private set; } = "";
    public InquiryId? ParentId { get; private set; }
    public RouteRef? Route { get; private set; }
    public Actor? RegisteredBy { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the last event happened.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The queue it waits in or was last taken from; null before it is first queued.</summary>
    /// <summary>Code of the route queue the inquiry waits in (unique within its route).</summary>
    public string? QueueCode { get; private set; }
    public string? ProcessCode { get; private set; }

    /// <summary>Who has it in work (or last had it, once processed or closed).</summary>
    public Actor? Assignee { get; private set; }
    public Actor? Responsible { get; private set; }

    /// <summary>Stored text of each attribute ("" when empty). Codes not here take their default on forms.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    public IReadOnlyList<InquiryId> Children => _children;
    public IReadOnlyList<InquiryAttachment> Attachments => _attachments;
    public int CommentCount { get; private set; }
    public DateTimeOffset? SlaDueAt { get; private set; }
    public IReadOnlyList<SlaBreachRecord> Breaches => _breaches;

    /// <summary>The highest escalation level reached for the current deadline; 0 when none (or the deadline moved since).</summary>
    public int SlaEscalationLevel { get; private set; }
    public IReadOnlyList<Guid> Problems => _problems;
    public string? Result { get; private set; }
    public string? Resolution { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }

    public static Inquiry From(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var inquiry = new Inquiry();
        foreach (var e in events) inquiry.Apply(e);
        return inquiry;
    }

    /// <summary>
    /// The inquiry as it was at <paramref name="moment"/>: the stream's events up to the first one that
    /// happened later. A moment before registration gives an unregistered inquiry.
    /// </summary>
    public static Inquiry AsOf(IEnumerable<object> events, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(events);
        return From(events.TakeWhile(e => AtOf(e) <= moment));
    }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case InquiryRegistered e: Apply(e); break;
            case AttributesChanged e: Apply(e); break;
            case InquiryQueued e: Apply(e); break;
            case InquiryTaken e: Apply(e); break;
            case InquiryTransferred e: Apply(e); break;
            case CommentAdded: CommentCount++; break;
            case AttachmentAdded e: _attachments.Add(new InquiryAttachment(e.FileId, e.FileName, e.Size, e.ContentType, e.By, e.At)); break;
            case ChildInquiryCreated e: _children.Add(e.ChildId); break;
            case InquiryProcessed e: Apply(e); break;
            case InquiryClosed e: Apply(e); break;
            case InquiryReopened e: Apply(e); break;
            case SlaBreached e: _breaches.Add(new SlaBreachRecord(e.Step, e.DueAt, e.BreachedAt)); break;
            case SlaEscalated e: SlaEscalationLevel = e.Level; break;
            case SlaChanged e: MoveDeadline(e.NewDueAt); break;
            case ResponsibleAssigned e: Responsible = e.Responsible; break;
            case LinkedToProblem e: _problems.Add(e.ProblemId); break;
            case InquiryArchived: Status = InquiryStatus.Archived; break;
            default: throw new ArgumentException($"{@event?.GetType().Name ?? "null"} is not an inquiry event.", nameof(@event));
        }
        UpdatedAt = AtOf(@event);
        Version++;
    }

    private void Apply(InquiryRegistered e)
    {
        Status = InquiryStatus.Registered;
        (Id, ProjectId, ContactId, CustomerId, TopicId, Kind) = (e.InquiryId, e.ProjectId, e.ContactId, e.CustomerId, e.TopicId, e.Kind);
        (Channel, Priority, ParentId, Route) = (e.Channel, e.Priority, e.ParentId, e.Route);
        (RegisteredBy, RegisteredAt, Number) = (e.By, e.At, e.Number);
        foreach (var (code, text) in e.Attributes) _attributes[code] = text;
    }

    private void Apply(AttributesChanged e)
    {
        foreach (var (code, change) in e.Changes) _attributes[code] = change.New;
    }

    private void Apply(InquiryQueued e)
    {
        Status = InquiryStatus.Waiting;
        (QueueCode, ProcessCode) = (e.QueueCode, e.ProcessCode);
        MoveDeadline(e.SlaDueAt);
        (Assignee, Result) = (null, null);
    }

    /// <summary>Escalation levels count per deadline: a new deadline starts again from none.</summary>
    private void MoveDeadline(DateTimeOffset? due)
    {
        if (due != SlaDueAt) SlaEscalationLevel = 0;
        SlaDueAt = due;
    }

    private void Apply(InquiryTaken e)
    {
        Status = InquiryStatus.InWork;
        Assignee = e.By;
    }

    private void Apply(InquiryTransferred e)
    {
        if (e.ToQueueCode is { } queue)
        {
            Status = InquiryStatus.Waiting;
            (QueueCode, Assignee) = (queue, null);
        }
        else
        {
            Status = InquiryStatus.InWork;
            Assignee = e.ToUser;
        }
    }

    private void Apply(InquiryProcessed e)
    {
        Status = InquiryStatus.Processed;
        Result = e.Result;
    }

    private void Apply(InquiryClosed e)
    {
        Status = InquiryStatus.Closed;
        (Resolution, ClosedAt) = (e.Resolution, e.At);
    }

    private void Apply(InquiryReopened e)
    {
        Status = InquiryStatus.InWork;
        (Assignee, Resolution, ClosedAt) = (e.By, null, null);
        if (e.SlaDueAt is { } due) MoveDeadline(due);
        ReopenCount++;
    }

    private static DateTimeOffset AtOf(object @event) =>
        @event is IInquiryEvent e ? e.At : throw new ArgumentException($"{@event?.GetType().Name ?? "null"} is not an inquiry event.", nameof(@event));
}

/// <summary>A file attached to an inquiry.</summary>
public sealed record InquiryAttachment(Guid FileId, string FileName, long Size, string ContentType, Actor AddedBy, DateTimeOffset AddedAt);

/// <summary>A recorded breach of a step's deadline.</summary>
public sealed record SlaBreachRecord(string Step, DateTimeOffset DueAt, DateTimeOffset BreachedAt);
