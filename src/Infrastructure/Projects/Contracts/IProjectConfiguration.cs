using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Projects.Contracts;

public sealed record ProjectRef(Guid ProjectId, string Name);

/// <summary>How long a project keeps closed inquiries before archiving them.</summary>
public sealed record ArchivePeriod(Guid TenantId, Guid ProjectId, int Days);

/// <summary>
/// Projects as other modules read them: the current configuration the inquiry runtime decides with, the
/// configuration documents, members. Reads run in the caller's unit of work (its tenant).
/// </summary>
public interface IProjectConfiguration
{
    Task<ProjectConfig?> CurrentAsync(UnitOfWork uow, Guid projectId);

    Task<string> TopicNameAsync(UnitOfWork uow, Guid projectId, TopicId topicId);

    /// <summary>A route version; the latest when <paramref name="version"/> is null.</summary>
    Task<RouteDefinition?> RouteAsync(UnitOfWork uow, Guid projectId, string routeId, int? version);

    Task<DictionariesDocument> DictionariesAsync(UnitOfWork uow, Guid projectId);

    Task<CategoriesDocument> CategoriesAsync(UnitOfWork uow, Guid projectId);

    Task<PrioritiesDocument> PrioritiesAsync(UnitOfWork uow, Guid projectId);

    Task<ContactPlacesDocument> ContactPlacesAsync(UnitOfWork uow, Guid projectId);

    Task<TemplatesDocument> TemplatesAsync(UnitOfWork uow, Guid projectId);

    Task<VipDocument> VipAsync(UnitOfWork uow, Guid projectId);

    Task<bool> IsMemberAsync(UnitOfWork uow, Guid projectId, Guid userId);

    /// <summary>Ids of the projects the user is a member of.</summary>
    Task<IReadOnlyList<Guid>> ProjectsOfAsync(UnitOfWork uow, Guid userId);

    /// <summary>Every project of the tenant, by name.</summary>
    Task<IReadOnlyList<ProjectRef>> ListAsync(UnitOfWork uow, CancellationToken ct);

    Task<IReadOnlyList<Guid>> MembersAsync(UnitOfWork uow, Guid projectId, CancellationToken ct);

    /// <summary>Every tenant's projects (system unit of work), for the archiver.</summary>
    Task<IReadOnlyList<ArchivePeriod>> ArchivePeriodsAsync(UnitOfWork uow, CancellationToken ct);
}
