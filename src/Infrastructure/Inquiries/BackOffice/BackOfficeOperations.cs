using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// Group operations of the back office on selected inquiries, by a manager (<c>inquiries.manage</c>): assign
/// to a person, transfer to a queue, close, reopen, assign the responsible person. Each inquiry is its own
/// transaction; the result says, per inquiry, done or why not.
/// </summary>
public sealed class BackOfficeOperations(CurrentSession session, InquiryItemRunner runner, IPeopleDirectory people)
{
    public async Task<BatchResult> AssignToPersonAsync(IReadOnlyCollection<Guid> inquiryIds, Guid userId, string? reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        var person = await PersonAsync(userId, "userId", ct);
        return await runner.RunAsync(inquiryIds, c => [TransferInquiry.ToPerson(person, reason, c.Me, c.Now) with { ByManager = true }], ct);
    }

    public Task<BatchResult> TransferToQueueAsync(IReadOnlyCollection<Guid> inquiryIds, string queueCode, string? reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        new Validation().Require(!string.IsNullOrWhiteSpace(queueCode), "queueCode", "Choose the queue.").ThrowIfInvalid();
        var queue = queueCode.Trim();
        return runner.RunAsync(inquiryIds, c =>
        {
            if (c.Route?.Processes.SelectMany(p => p.Queues).Any(q => q.Code == queue) != true)
                throw new InquiryException($"The queue '{queue}' is not on this inquiry's route.");
            return [TransferInquiry.ToQueue(queue, reason, c.Me, c.Now) with { ByManager = true }];
        }, ct);
    }

    /// <summary>Closes with the resolution; a waiting inquiry is taken into work by the manager first (and then closed).</summary>
    public Task<BatchResult> CloseAsync(IReadOnlyCollection<Guid> inquiryIds, string resolution, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        RequireText(resolution, "resolution", "Enter the resolution.");
        return runner.RunAsync(inquiryIds, c => CloseCommands(c, resolution), ct);
    }

    public Task<BatchResult> ReopenAsync(IReadOnlyCollection<Guid> inquiryIds, string reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        RequireText(reason, "reason", "Enter the reason.");
        return runner.RunAsync(inquiryIds, c => [InquiryRouting.Reopen(c.Config, c.State, reason, c.Me, c.Now) with { ByManager = true }], ct);
    }

    public async Task<BatchResult> AssignResponsibleAsync(IReadOnlyCollection<Guid> inquiryIds, Guid userId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        var person = await PersonAsync(userId, "responsibleId", ct);
        return await runner.RunAsync(inquiryIds, c => [new AssignResponsible(person, c.Me, c.Now) { ByManager = true }], ct);
    }

    public Task<BatchResult> CommentAsync(IReadOnlyCollection<Guid> inquiryIds, string text, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        RequireText(text, "text", "Enter the comment.");
        return runner.RunAsync(inquiryIds, c => [new AddComment(text, c.Me, c.Now)], ct);
    }

    /// <summary>The commands that close one inquiry as a manager: take a waiting one first, then close it.</summary>
    internal static InquiryCommand[] CloseCommands(ItemContext c, string resolution)
    {
        var close = new CloseInquiry(resolution, c.RequireTopic(), c.Me, c.Now) { ByManager = true };
        return c.State.Status == InquiryStatus.Waiting ? [new TakeInquiry(c.Me, c.Now), close] : [close];
    }

    private async Task<Actor> PersonAsync(Guid userId, string field, CancellationToken ct)
    {
        await using var uow = await session.BeginAsync(ct);
        var person = (await people.ActiveAsync(uow, [userId], ct)).SingleOrDefault();
        return person is null ? throw new ValidationFailedException(field, "Choose an active user of this workspace.") : new Actor(userId, person.Name);
    }

    private static void RequireText(string? text, string field, string message) =>
        new Validation().Require(!string.IsNullOrWhiteSpace(text), field, message).ThrowIfInvalid();
}
