using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// The inquiry's rules: given the current state and a command, the events to append (none when the command
/// changes nothing). Pure. A command that does not fit the state throws <see cref="InquiryException"/>
/// (a stale <see cref="InquiryCommand.ExpectedVersion"/>: <see cref="StaleInquiryException"/>); bad input throws
/// <see cref="ValidationFailedException"/>; a missing privilege throws <see cref="ForbiddenException"/>.
/// </summary>
/// <remarks>
/// Two people deciding on the same version both get events; the event store's optimistic concurrency lets
/// only the first append succeed, and the second, decided again on the new state, is refused.
/// </remarks>
public static partial class InquiryDecisions
{
    private const int MaxText = 4000;
    private const int MaxShortText = 1000;

    public static IReadOnlyList<object> Decide(Inquiry state, InquiryCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command.ExpectedVersion is { } expected && expected != state.Version)
            throw new StaleInquiryException(expected, state.Version);
        if (command is not RegisterInquiry && !state.IsRegistered)
            throw new InquiryException("The inquiry is not registered.");

        return command switch
        {
            RegisterInquiry c => Register(state, c),
            ChangeAttributes c => ChangeAttributes(state, c),
            QueueInquiry c => Queue(state, c),
            TakeInquiry c => Take(state, c),
            TransferInquiry c => Transfer(state, c),
            AddComment c => Comment(state, c),
            AddAttachment c => AddAttachment(state, c),
            CreateChildInquiry c => CreateChild(state, c),
            MarkProcessed c => MarkProcessed(state, c),
            CloseInquiry c => Close(state, c),
            ReopenInquiry c => Reopen(state, c),
            RecordSlaBreach c => RecordSlaBreach(state, c),
            RecordSlaEscalation c => RecordSlaEscalation(state, c),
            ChangeSla c => ChangeSla(state, c),
            AssignResponsible c => AssignResponsible(state, c),
            LinkToProblem c => LinkToProblem(state, c),
            ArchiveInquiry c => Archive(state, c),
            _ => throw new ArgumentException($"{command.GetType().Name} is not handled.", nameof(command)),
        };
    }

    /// <summary>Refuses the command in the given states: "The inquiry is closed; it cannot be transferred."</summary>
    private static void RefuseIn(Inquiry state, string cannot, params InquiryStatus[] states)
    {
        if (states.Contains(state.Status)) throw new InquiryException($"The inquiry is {state.Status.Describe()}; it cannot {cannot}.");
    }

    /// <summary>While someone has the inquiry in work, only they or a manager may act on its work.</summary>
    private static void RequireWorker(Inquiry state, InquiryCommand c, string action)
    {
        if (state.Status == InquiryStatus.InWork && !c.ByManager && !c.By.IsSamePerson(state.Assignee))
            throw new InquiryException($"The inquiry is in work by {state.Assignee}; only they or a manager can {action}.");
    }

    private static void RequirePerson(Validation check, Actor? actor, string field, string message) =>
        check.Require(actor is { IsSystem: false }, field, message);

    private static void RequireText(Validation check, string? text, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) check.Add(field, $"{label} is required.");
        else if (text.Trim().Length > max) check.Add(field, $"{label} must be at most {max} characters.");
    }

    private static void RequireTopic(Inquiry state, EffectiveTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Id != state.TopicId)
            throw new ArgumentException($"The attributes given are those of topic {topic.Id}; the inquiry's topic is {state.TopicId}.", nameof(topic));
    }
}
