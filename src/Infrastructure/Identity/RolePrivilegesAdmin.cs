using Ktp.Domain.Identity;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Identity;

public sealed class RolePrivileges
{
    public string RoleName { get; set; } = "";
    public string[] Privileges { get; set; } = [];
}

/// <summary>The tenant admin edits which privileges each role carries. Signed-in users get the new claims at the next security stamp check (the principal is rebuilt then).</summary>
public sealed class RolePrivilegesAdmin(CurrentSession session, EventStore store)
{
    public async Task<IReadOnlyList<RolePrivileges>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.RolesManage);
        await using var uow = await session.BeginAsync(ct);
        var rows = (await uow.QueryAsync<RolePrivileges>("SELECT role_name AS RoleName, privileges FROM role_privileges", ct: ct)).ToList();
        return rows.OrderBy(r => Role.TenantRoles.ToList().IndexOf(r.RoleName)).ToList();
    }

    public async Task SetAsync(string role, IReadOnlyCollection<string> privileges, CancellationToken ct = default)
    {
        session.Demand(Privilege.RolesManage);
        new Validation()
            .Require(Role.TenantRoles.Contains(role), nameof(role), "Unknown role.")
            .Require(privileges.All(Privilege.TenantPrivileges.Contains), nameof(privileges), "Unknown privilege.")
            .Require(role != Role.TenantAdmin || (privileges.Contains(Privilege.UsersManage) && privileges.Contains(Privilege.RolesManage)),
                nameof(privileges), "The tenant admin role must keep user and role management, or nobody could undo this.")
            .ThrowIfInvalid();

        var ordered = Privilege.TenantPrivileges.Where(privileges.Contains).ToArray();
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("UPDATE role_privileges SET privileges = @ordered, updated_at = now() WHERE role_name = @role", new { ordered, role }, ct: ct);
        await store.AppendAsync(uow, session.TenantId, TenantStream.Type, null, [new RolePrivilegesChanged(role, ordered)], session.Metadata(), ct);
        await uow.CommitAsync(ct);
    }
}
