using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

// Moving along the route: registered → waiting → in work → processed → closed → archived, and back.
public static partial class InquiryDecisions
{
    private static object[] Queue(Inquiry state, QueueInquiry c)
    {
        if (state.Status == InquiryStatus.InWork)
            throw new InquiryException($"The inquiry is in work by {state.Assignee}; transfer it instead of queueing it.");
        RefuseIn(state, "be queued", InquiryStatus.Closed, InquiryStatus.Archived);
        new Validation().Require(!string.IsNullOrWhiteSpace(c.ProcessCode), "processCode", "Name the process of the queue.").ThrowIfInvalid();
        var process = c.ProcessCode.Trim();
        if (state.Status == InquiryStatus.Waiting && state.QueueCode == c.QueueCode && state.ProcessCode == process && state.SlaDueAt == c.SlaDueAt)
            return [];
        return [new InquiryQueued(c.QueueCode, process, c.SlaDueAt, c.By, c.At)];
    }

    private static object[] Take(Inquiry state, TakeInquiry c)
    {
        var check = new Validation();
        RequirePerson(check, c.By, "by", "Only a person can take an inquiry into work.");
        check.ThrowIfInvalid();
        if (state.Status == InquiryStatus.InWork)
        {
            if (c.By.IsSamePerson(state.Assignee)) return [];
            throw new InquiryException($"The inquiry is already taken by {state.Assignee}.");
        }
        if (state.Status != InquiryStatus.Waiting)
            throw new InquiryException($"The inquiry is {state.Status.Describe()}; only a waiting inquiry can be taken.");
        return [new InquiryTaken(c.By, c.At)];
    }

    private static object[] Transfer(Inquiry state, TransferInquiry c)
    {
        RefuseIn(state, "be transferred", InquiryStatus.Closed, InquiryStatus.Archived);
        var check = new Validation()
            .Require(c.ToQueueCode is null != c.ToUser is null, "target", "Transfer to a queue or to a person: exactly one of them.");
        if (c.ToUser is not null) RequirePerson(check, c.ToUser, "toUser", "An inquiry can only be transferred to a person.");
        if (c.Reason is not null && c.Reason.Trim().Length > MaxShortText)
            check.Add("reason", $"The reason must be at most {MaxShortText} characters.");
        check.ThrowIfInvalid();
        RequireWorker(state, c, "transfer it");

        var unchanged = c.ToQueueCode is { } queue
            ? state.Status == InquiryStatus.Waiting && state.QueueCode == queue
            : state.Status == InquiryStatus.InWork && c.ToUser!.IsSamePerson(state.Assignee);
        if (unchanged) return [];
        return [new InquiryTransferred(c.ToQueueCode, c.ToUser, Blank(c.Reason), c.By, c.At)];
    }

    private static object[] MarkProcessed(Inquiry state, MarkProcessed c)
    {
        if (state.Status != InquiryStatus.InWork)
            throw new InquiryException($"The inquiry is {state.Status.Describe()}; only an inquiry in work can be marked processed.");
        RequireWorker(state, c, "mark it processed");
        var check = new Validation();
        RequireText(check, c.Result, "result", "The result", MaxText);
        check.ThrowIfInvalid();
        return [new InquiryProcessed(c.Result.Trim(), c.By, c.At)];
    }

    private static object[] Close(Inquiry state, CloseInquiry c)
    {
        if (state.Status is not (InquiryStatus.InWork or InquiryStatus.Processed))
            throw new InquiryException($"The inquiry is {state.Status.Describe()}; only an inquiry in work or processed can be closed.");
        RequireWorker(state, c, "close it");
        var check = new Validation();
        RequireText(check, c.Resolution, "resolution", "The resolution", MaxText);
        check.ThrowIfInvalid();
        RequireValidAttributes(state, c.Topic, c.Customer);
        return [new InquiryClosed(c.Resolution.Trim(), c.By, c.At)];
    }

    private static object[] Reopen(Inquiry state, ReopenInquiry c)
    {
        if (state.Status != InquiryStatus.Closed)
            throw new InquiryException($"The inquiry is {state.Status.Describe()}; only a closed inquiry can be reopened.");
        var check = new Validation();
        RequireText(check, c.Reason, "reason", "The reason", MaxShortText);
        RequirePerson(check, c.By, "by", "Only a person can reopen an inquiry: they take it into work.");
        check.Require(c.SlaDueAt is null || c.SlaDueAt > c.At, "slaDueAt", "The new deadline must be later than the reopening.");
        check.ThrowIfInvalid();
        return [new InquiryReopened(c.Reason.Trim(), c.By, c.At, c.SlaDueAt)];
    }

    private static object[] Archive(Inquiry state, ArchiveInquiry c) => state.Status switch
    {
        InquiryStatus.Archived => [],
        InquiryStatus.Closed => [new InquiryArchived(c.By, c.At)],
        _ => throw new InquiryException($"The inquiry is {state.Status.Describe()}; only a closed inquiry can be archived."),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
