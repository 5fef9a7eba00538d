using System.Globalization;

namespace Ktp.Domain.Inquiries;

/// <summary>One line of an inquiry's history: who did what, and when.</summary>
/// <param name="Version">The inquiry's version after this event (1 for the registration).</param>
/// <param name="Action">The event's stored name, e.g. <c>inquiry.taken</c>.</param>
/// <param name="Summary">A short English description of what happened.</param>
public sealed record HistoryEntry(long Version, DateTimeOffset At, Actor By, string Action, string Summary, IInquiryEvent Event);

/// <summary>The full history of an inquiry, read from its events.</summary>
public static class InquiryHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Select((e, i) => e is IInquiryEvent ie
            ? new HistoryEntry(i + 1, ie.At, ie.By, InquiryEventNames.All[e.GetType()], Describe(ie), ie)
            : throw new ArgumentException($"{e?.GetType().Name ?? "null"} is not an inquiry event.", nameof(events)))];
    }

    public static string Describe(IInquiryEvent @event) => @event switch
    {
        InquiryRegistered e => $"Registered a {e.Kind.ToCode()} via {e.Channel}, priority {e.Priority}.",
        AttributesChanged e => "Changed " + string.Join("; ", e.Changes.Select(c => $"{c.Key}: '{c.Value.Old}' → '{c.Value.New}'")) + ".",
        InquiryQueued e => $"Queued in {e.QueueCode} (process {e.ProcessCode}){Due(e.SlaDueAt)}.",
        InquiryTaken => "Took into work.",
        InquiryTransferred e => (e.ToQueueCode is { } q ? $"Transferred to queue {q}" : $"Transferred to {e.ToUser}") + Because(e.Reason),
        CommentAdded e => $"Commented: {e.Text}",
        AttachmentAdded e => $"Attached {e.FileName} ({e.Size} bytes).",
        ChildInquiryCreated e => $"Created child inquiry {e.ChildId}.",
        InquiryProcessed e => $"Processed: {e.Result}",
        InquiryClosed e => $"Closed: {e.Resolution}",
        InquiryReopened e => $"Reopened: {e.Reason}",
        SlaBreached e => $"Deadline of step {e.Step} breached (due {Time(e.DueAt)}).",
        SlaEscalated e => $"Escalated to level {e.Level}" + (e.Notified.Count > 0 ? $": {string.Join(", ", e.Notified)}." : "; nobody to notify."),
        SlaChanged e => $"Moved the deadline to {Time(e.NewDueAt)}: {e.Reason}",
        ResponsibleAssigned e => $"Made {e.Responsible} responsible.",
        LinkedToProblem e => $"Linked to problem {e.ProblemId}.",
        InquiryArchived => "Archived.",
        _ => @event.GetType().Name,
    };

    private static string Due(DateTimeOffset? due) => due is { } d ? $", due {Time(d)}" : "";

    private static string Because(string? reason) => reason is null ? "." : $": {reason}";

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
