using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Identity.Contracts;

/// <summary>An active user of the tenant, as other modules address and show them.</summary>
public sealed record Person(Guid UserId, string Name, string Email);

/// <summary>
/// Who the tenant's people are, for other modules (notices, seats, names on lists). Reads run in the
/// caller's unit of work, so row-level security scopes them to its tenant.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>Active users by name, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Person>> ListActiveAsync(UnitOfWork uow, int limit, CancellationToken ct);

    /// <summary>Active users whose roles give <paramref name="privilege"/>.</summary>
    Task<IReadOnlyList<Person>> WithPrivilegeAsync(UnitOfWork uow, string privilege, CancellationToken ct);

    /// <summary>Active users holding one of <paramref name="roles"/>.</summary>
    Task<IReadOnlyList<Person>> InRolesAsync(UnitOfWork uow, IReadOnlyCollection<string> roles, CancellationToken ct);

    /// <summary>The active users among <paramref name="userIds"/>.</summary>
    Task<IReadOnlyList<Person>> ActiveAsync(UnitOfWork uow, IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>Display names of <paramref name="userIds"/>, inactive users included (history shows who it was).</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(UnitOfWork uow, IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>The ids of all the tenant's users, inactive ones included (documents may still name them).</summary>
    Task<IReadOnlySet<Guid>> AllIdsAsync(UnitOfWork uow, CancellationToken ct);

    /// <summary>Active users per tenant (system unit of work: every tenant).</summary>
    Task<IReadOnlyDictionary<Guid, int>> ActiveCountsAsync(UnitOfWork uow, CancellationToken ct);
}
