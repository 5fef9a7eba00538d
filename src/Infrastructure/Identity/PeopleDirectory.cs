using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;

namespace Ktp.Infrastructure.Identity;

public sealed class PeopleDirectory : IPeopleDirectory
{
    private const string Select = "SELECT u.user_id AS UserId, u.display_name AS Name, u.email FROM users u";

    public async Task<IReadOnlyList<Person>> ListActiveAsync(UnitOfWork uow, int limit, CancellationToken ct) =>
        (await uow.QueryAsync<Person>($"{Select} WHERE u.is_active ORDER BY u.display_name LIMIT @limit", new { limit }, ct)).ToList();

    public async Task<IReadOnlyList<Person>> WithPrivilegeAsync(UnitOfWork uow, string privilege, CancellationToken ct) =>
        (await uow.QueryAsync<Person>($"""
            {Select} WHERE u.is_active AND EXISTS (
              SELECT 1 FROM user_roles r JOIN role_privileges p USING (tenant_id, role_name)
              WHERE r.user_id = u.user_id AND @privilege = ANY(p.privileges))
            ORDER BY u.email
            """, new { privilege }, ct)).ToList();

    public async Task<IReadOnlyList<Person>> InRolesAsync(UnitOfWork uow, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        (await uow.QueryAsync<Person>($"""
            {Select} WHERE u.is_active AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.user_id AND r.role_name = ANY(@roles))
            ORDER BY u.email
            """, new { roles = roles.ToArray() }, ct)).ToList();

    public async Task<IReadOnlyList<Person>> ActiveAsync(UnitOfWork uow, IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        userIds.Count == 0 ? [] : (await uow.QueryAsync<Person>($"{Select} WHERE u.is_active AND u.user_id = ANY(@ids) ORDER BY u.email",
            new { ids = userIds.ToArray() }, ct)).ToList();

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(UnitOfWork uow, IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        userIds.Count == 0 ? new Dictionary<Guid, string>() : (await uow.QueryAsync<Person>($"{Select} WHERE u.user_id = ANY(@ids)",
            new { ids = userIds.Distinct().ToArray() }, ct)).ToDictionary(p => p.UserId, p => p.Name);

    public async Task<IReadOnlySet<Guid>> AllIdsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.QueryAsync<Guid>("SELECT user_id FROM users", null, ct)).ToHashSet();

    public async Task<IReadOnlyDictionary<Guid, int>> ActiveCountsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.QueryAsync<(Guid TenantId, int Users)>(
            "SELECT tenant_id, count(*)::int FROM users WHERE is_active GROUP BY tenant_id", null, ct)).ToDictionary(r => r.TenantId, r => r.Users);
}
