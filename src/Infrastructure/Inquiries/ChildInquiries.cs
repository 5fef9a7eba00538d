using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// Child inquiries split work to run in parallel (e.g. billing and technical checks for one complaint):
/// the child is a full inquiry of its own topic, routed from the start, and the parent records it.
/// </summary>
public sealed class ChildInquiries(CurrentSession session, IProjectConfiguration projects, InquiryStream inquiries, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(Guid parentId, Guid topicId, IReadOnlyDictionary<string, string?> attributes, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        var now = clock.GetUtcNow();
        var by = InquiryActors.Of(session);
        await using var uow = await session.BeginAsync(ct);
        var (parent, _) = await inquiries.LoadAsync(uow, parentId, ct: ct);
        if (parent.Status == InquiryStatus.None) throw new ValidationFailedException("InquiryId", "No such inquiry.");
        var config = await projects.CurrentAsync(uow, parent.ProjectId.Value);
        if (config?.Route is not { } route) throw new ValidationFailedException("ProjectId", "The project has no route yet: a project manager publishes one first.");
        if (!config.Topics.TryGetTopic(new TopicId(topicId), out _)) throw new ValidationFailedException("TopicId", "Choose a topic of this project.");

        var childId = Guid.CreateVersion7();
        var register = new RegisterInquiry(new InquiryId(childId), parent.ProjectId, parent.ContactId, parent.CustomerId,
            config.Topics.Effective(new TopicId(topicId)), parent.Channel, parent.Priority, attributes, by, now)
            { ParentId = parent.Id, Route = route.Ref, Number = await InquiryNumbers.NextAsync(uow, ct) };
        await inquiries.StartAsync(uow, childId, session.Metadata(), ct,
            _ => register, registered => InquiryRouting.Enter(config, route, registered, route.StartProcess, null, by, now));
        await inquiries.DecideAsync(uow, parentId, session.Metadata(), ct, new CreateChildInquiry(new InquiryId(childId), by, now));
        await uow.CommitAsync(ct);
        return childId;
    }
}
