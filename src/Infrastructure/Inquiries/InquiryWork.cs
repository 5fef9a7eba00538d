using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>What operators and managers do with an inquiry after registration. Each call is one transaction.</summary>
public sealed class InquiryWork(CurrentSession session, IProjectConfiguration projects, InquiryStream inquiries, TimeProvider clock)
{
    private Actor Me => InquiryActors.Of(session);
    private bool IsManager => session.Has(Privilege.InquiriesManage);

    public Task TakeAsync(Guid inquiryId, long? expectedVersion = null, CancellationToken ct = default) =>
        RunAsync(inquiryId, (_, now) => [new TakeInquiry(Me, now) { ExpectedVersion = expectedVersion }], ct);

    /// <summary>
    /// Takes one of the oldest waiting inquiries of the project's queue; if someone is faster, another. Many operators
    /// pressing "next" at once would all race for the very first one (100 at once: one in five was told the queue was
    /// empty while it was not), so after a lost race each picks at random among a wider set of the oldest it has not
    /// tried yet, and "empty" is said only when nothing untried is waiting.
    /// </summary>
    public async Task<Guid?> TakeNextAsync(Guid projectId, string queueCode, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        var tried = new HashSet<Guid>();
        for (var attempt = 0; attempt < MaxTakeAttempts; attempt++)
        {
            var spread = 5 * (attempt + 1);
            List<Guid> oldest;
            await using (var read = await session.BeginAsync(ct))
                oldest = (await read.QueryAsync<Guid>($"""
                    SELECT inquiry_id FROM inquiries WHERE project_id = @projectId AND queue_code = @queueCode AND status = {InquiryStatusSql.Waiting}
                    ORDER BY sla_due_at NULLS LAST, registered_at LIMIT @limit
                    """, new { projectId, queueCode, limit = tried.Count + spread }, ct: ct)).Where(id => !tried.Contains(id)).Take(spread).ToList();
            if (oldest.Count == 0) return null;
            var candidate = attempt == 0 ? oldest[0] : oldest[Random.Shared.Next(oldest.Count)];
            tried.Add(candidate);
            try
            {
                await TakeAsync(candidate, ct: ct);
                return candidate;
            }
            catch (Exception e) when (e is ConcurrencyException or InquiryException)
            {
                // taken by someone else a moment ago: try another
            }
        }
        throw new InquiryException("Many colleagues are taking inquiries at this moment; press once more.");
    }

    private const int MaxTakeAttempts = 30;

    public Task TransferToQueueAsync(Guid inquiryId, string queueCode, string? reason, CancellationToken ct = default) =>
        RunAsync(inquiryId, (_, now) => [TransferInquiry.ToQueue(queueCode, reason, Me, now) with { ByManager = IsManager }], ct);

    public Task TransferToPersonAsync(Guid inquiryId, Guid userId, string userName, string? reason, CancellationToken ct = default) =>
        RunAsync(inquiryId, (_, now) => [TransferInquiry.ToPerson(new Actor(userId, userName), reason, Me, now) with { ByManager = IsManager }], ct);

    public Task CommentAsync(Guid inquiryId, string text, CancellationToken ct = default) =>
        RunAsync(inquiryId, (_, now) => [new AddComment(text, Me, now)], ct);

    public Task ChangeAttributesAsync(Guid inquiryId, IReadOnlyDictionary<string, string?> values, long? expectedVersion, CancellationToken ct = default) =>
        RunAsync(inquiryId, (ctx, now) => [new ChangeAttributes(ctx.Topic, values, Me, now) { ExpectedVersion = expectedVersion, ByManager = IsManager }], ct);

    /// <summary>The current step is done: the route's transition rules send the inquiry to the next process, or close it.</summary>
    public Task CompleteStepAsync(Guid inquiryId, string result, CancellationToken ct = default) =>
        RunStepsAsync(inquiryId, (ctx, now) =>
        [
            _ => new MarkProcessed(result, Me, now) { ByManager = IsManager },
            processed => RouteEngine.NextStep(ctx.Route.Process(processed.ProcessCode!), InquiryRouting.Data(processed, null, now, ctx.Config.Calendar)) is { IsClose: false } step
                ? InquiryRouting.Enter(ctx.Config, ctx.Route, processed, step.Process!, null, Me, now)
                : new CloseInquiry(result, ctx.Topic, Me, now) { ByManager = true },
        ], ct);

    public Task CloseAsync(Guid inquiryId, string resolution, CancellationToken ct = default) =>
        RunAsync(inquiryId, (ctx, now) => [new CloseInquiry(resolution, ctx.Topic, Me, now) { ByManager = IsManager }], ct);

    public Task ReopenAsync(Guid inquiryId, string reason, CancellationToken ct = default) =>
        RunAsync(inquiryId, (ctx, now) => [InquiryRouting.Reopen(ctx.Config, ctx.State, reason, Me, now)], ct);

    public Task ChangeSlaAsync(Guid inquiryId, DateTimeOffset newDue, string reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        return RunAsync(inquiryId, (_, now) => [new ChangeSla(newDue.ToUniversalTime(), reason, Me, now) { ByManager = true }], ct);
    }

    public sealed record Context(Inquiry State, ProjectConfig Config, RouteDefinition Route, EffectiveTopic Topic);

    private Task RunAsync(Guid inquiryId, Func<Context, DateTimeOffset, InquiryCommand[]> decide, CancellationToken ct) =>
        RunStepsAsync(inquiryId, (ctx, now) => [.. decide(ctx, now).Select(c => (Func<Inquiry, InquiryCommand>)(_ => c))], ct);

    /// <summary>Loads the inquiry and its project once, then decides the steps on it (each on the state the previous left).</summary>
    private async Task RunStepsAsync(Guid inquiryId, Func<Context, DateTimeOffset, Func<Inquiry, InquiryCommand>[]> steps, CancellationToken ct)
    {
        session.Demand(Privilege.InquiriesWork);
        var now = clock.GetUtcNow();
        await using var uow = await session.BeginAsync(ct);
        var (state, events) = await inquiries.LoadAsync(uow, inquiryId, ct: ct);
        if (state.Status == InquiryStatus.None) throw new ValidationFailedException("InquiryId", "No such inquiry.");
        var config = await projects.CurrentAsync(uow, state.ProjectId.Value) ?? throw new ValidationFailedException("InquiryId", "The inquiry's project is gone.");
        // In-flight inquiries stay on the route version they started on.
        var route = state.Route is { } r ? await projects.RouteAsync(uow, state.ProjectId.Value, r.RouteId, r.Version) : config.Route;
        var context = new Context(state, config, route!, config.Topics.Effective(state.TopicId));
        await inquiries.DecideOnAsync(uow, inquiryId, state, events[^1].Version, session.Metadata(), ct, steps(context, now));
        await uow.CommitAsync(ct);
    }
}
