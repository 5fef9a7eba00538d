using Ktp.Domain.Access;
using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

// What is added to an inquiry without moving it: comments, files, children, deadlines, people, problems.
public static partial class InquiryDecisions
{
    private const int MaxFileName = 255;

    private static object[] Comment(Inquiry state, AddComment c)
    {
        RefuseIn(state, "be commented on", InquiryStatus.Archived);
        var check = new Validation();
        RequireText(check, c.Text, "text", "The comment", MaxText);
        check.ThrowIfInvalid();
        return [new CommentAdded(c.Text.Trim(), c.By, c.At)];
    }

    private static object[] AddAttachment(Inquiry state, AddAttachment c)
    {
        RefuseIn(state, "get attachments", InquiryStatus.Archived);
        var check = new Validation().Require(c.FileId != Guid.Empty, "fileId", "The file id must not be empty.");
        RequireText(check, c.FileName, "fileName", "The file name", MaxFileName);
        RequireText(check, c.ContentType, "contentType", "The content type", MaxFileName);
        if (c.Size <= 0) check.Add("size", "The file is empty.");
        else if (c.Size > c.MaxSize) check.Add("size", $"The file is larger than the limit of {c.MaxSize} bytes.");
        check.ThrowIfInvalid();
        return [new AttachmentAdded(c.FileId, c.FileName.Trim(), c.Size, c.ContentType.Trim(), c.By, c.At)];
    }

    private static object[] CreateChild(Inquiry state, CreateChildInquiry c)
    {
        RefuseIn(state, "get child inquiries", InquiryStatus.Closed, InquiryStatus.Archived);
        new Validation().Require(c.ChildId != state.Id, "childId", "An inquiry cannot be its own child.").ThrowIfInvalid();
        if (state.Children.Contains(c.ChildId)) return [];
        return [new ChildInquiryCreated(c.ChildId, c.By, c.At)];
    }

    private static object[] RecordSlaBreach(Inquiry state, RecordSlaBreach c)
    {
        RefuseIn(state, "breach a deadline", InquiryStatus.Archived);
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(c.Step), "step", "Name the route step whose deadline was breached.")
            .Require(c.BreachedAt >= c.DueAt, "breachedAt", "A breach cannot happen before the deadline.");
        check.ThrowIfInvalid();
        var step = c.Step.Trim();
        if (state.Breaches.Any(b => b.Step == step && b.DueAt == c.DueAt)) return [];
        return [new SlaBreached(step, c.DueAt, c.BreachedAt, c.By, c.At)];
    }

    private static object[] RecordSlaEscalation(Inquiry state, RecordSlaEscalation c)
    {
        RefuseIn(state, "be escalated", InquiryStatus.Closed, InquiryStatus.Archived);
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(c.Step), "step", "Name the route step whose deadline was breached.")
            .Require(c.Level >= 1, "level", "Escalation levels start at 1.")
            .Require(c.At >= c.DueAt, "at", "An escalation cannot happen before the deadline.");
        check.ThrowIfInvalid();
        // Timers of a moved deadline, and repeats of a level, fire harmlessly.
        if (state.SlaDueAt != c.DueAt || c.Level <= state.SlaEscalationLevel) return [];
        return [new SlaEscalated(c.Step.Trim(), c.DueAt, c.Level, [.. c.Notified], c.By, c.At)];
    }

    private static object[] ChangeSla(Inquiry state, ChangeSla c)
    {
        if (!c.ByManager) throw new ForbiddenException(Privilege.InquiriesManage);
        RefuseIn(state, "get a new deadline", InquiryStatus.Closed, InquiryStatus.Archived);
        var check = new Validation();
        RequireText(check, c.Reason, "reason", "The reason", MaxShortText);
        check.ThrowIfInvalid();
        if (state.SlaDueAt == c.NewDueAt) return [];
        return [new SlaChanged(state.SlaDueAt, c.NewDueAt, c.Reason.Trim(), c.By, c.At)];
    }

    private static object[] AssignResponsible(Inquiry state, AssignResponsible c)
    {
        RefuseIn(state, "get a responsible person", InquiryStatus.Archived);
        var check = new Validation();
        RequirePerson(check, c.Responsible, "responsible", "The responsible must be a person.");
        check.ThrowIfInvalid();
        if (c.Responsible.IsSamePerson(state.Responsible)) return [];
        return [new ResponsibleAssigned(c.Responsible, c.By, c.At)];
    }

    private static object[] LinkToProblem(Inquiry state, LinkToProblem c)
    {
        RefuseIn(state, "be linked to a problem", InquiryStatus.Archived);
        new Validation().Require(c.ProblemId != Guid.Empty, "problemId", "The problem id must not be empty.").ThrowIfInvalid();
        if (state.Problems.Contains(c.ProblemId)) return [];
        return [new LinkedToProblem(c.ProblemId, c.By, c.At)];
    }
}
