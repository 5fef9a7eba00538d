using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>The result of a group operation for one inquiry: done, or why not.</summary>
public sealed record ItemResult(Guid InquiryId, long? Number, bool Ok, string? Error)
{
    public static ItemResult Done(Guid id) => new(id, null, true, null);

    public static ItemResult Failed(Guid id, string error) => new(id, null, false, error);
}

public sealed record BatchResult(IReadOnlyList<ItemResult> Items)
{
    public int Succeeded => Items.Count(i => i.Ok);
    public int Failed => Items.Count(i => !i.Ok);
}

/// <summary>What a decision for one inquiry may look at.</summary>
public sealed record ItemContext(Inquiry State, ProjectConfig Config, RouteDefinition? Route, EffectiveTopic? Topic, Actor Me, DateTimeOffset Now)
{
    public EffectiveTopic RequireTopic() =>
        Topic ?? throw new InquiryException("The inquiry's topic is no longer in the project's configuration.");
}

/// <summary>
/// Runs commands on many inquiries, each in its own transaction the way <see cref="InquiryWork"/> does for
/// one: load the stream, decide on the current state, append, schedule SLA timers, commit. A refusal of
/// one inquiry becomes its <see cref="ItemResult"/> and the rest go on. Callers check privileges first.
/// </summary>
public sealed class InquiryItemRunner(CurrentSession session, IProjectConfiguration projects, InquiryStream inquiries, TimeProvider clock)
{
    public const int MaxItems = 500;

    public async Task<BatchResult> RunAsync(IReadOnlyCollection<Guid> inquiryIds, Func<ItemContext, InquiryCommand[]> decide, CancellationToken ct)
    {
        new Validation()
            .Require(inquiryIds.Count > 0, "inquiryIds", "Select inquiries first.")
            .Require(inquiryIds.Count <= MaxItems, "inquiryIds", $"A group operation takes at most {MaxItems} inquiries.")
            .ThrowIfInvalid();
        var results = new List<ItemResult>(inquiryIds.Count);
        foreach (var id in inquiryIds.Distinct())
        {
            ct.ThrowIfCancellationRequested();
            results.Add(await RunOneAsync(id, decide, ct));
        }
        return new BatchResult(await WithNumbersAsync(results, ct));
    }

    public async Task<ItemResult> RunOneAsync(Guid inquiryId, Func<ItemContext, InquiryCommand[]> decide, CancellationToken ct)
    {
        try
        {
            var me = InquiryActors.Of(session);
            var now = clock.GetUtcNow();
            await using var uow = await session.BeginAsync(ct);
            var (state, _) = await inquiries.LoadAsync(uow, inquiryId, ct: ct);
            if (state.Status == InquiryStatus.None) return ItemResult.Failed(inquiryId, "No such inquiry.");
            var config = await projects.CurrentAsync(uow, state.ProjectId.Value);
            if (config is null) return ItemResult.Failed(inquiryId, "The inquiry's project is gone.");
            // In-flight inquiries stay on the route version they started on.
            var route = state.Route is { } r ? await projects.RouteAsync(uow, state.ProjectId.Value, r.RouteId, r.Version) : config.Route;
            var topic = config.Topics.TryGetTopic(state.TopicId, out _) ? config.Topics.Effective(state.TopicId) : null;
            var commands = decide(new ItemContext(state, config, route, topic, me, now));
            var decided = await inquiries.DecideAsync(uow, inquiryId, session.Metadata(), ct, commands);
            await uow.CommitAsync(ct);
            return ItemResult.Done(inquiryId);
        }
        catch (Exception e) when (e is InquiryException or ValidationFailedException or ForbiddenException or ConcurrencyException or StreamArchivedException)
        {
            return ItemResult.Failed(inquiryId, e.Message);
        }
    }

    private async Task<IReadOnlyList<ItemResult>> WithNumbersAsync(List<ItemResult> results, CancellationToken ct)
    {
        await using var uow = await session.BeginAsync(ct);
        var numbers = (await uow.QueryAsync<(Guid Id, long Number)>("SELECT inquiry_id, number FROM inquiries WHERE inquiry_id = ANY(@ids)", new { ids = results.Select(r => r.InquiryId).ToArray() }, ct: ct))
            .ToDictionary(n => n.Id, n => n.Number);
        return [.. results.Select(r => numbers.TryGetValue(r.InquiryId, out var n) ? r with { Number = n } : r)];
    }
}
