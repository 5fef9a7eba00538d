namespace Ktp.Domain.Identity;

/// <summary>Changes to a tenant's users and roles, recorded on the tenant's own stream (stream id = tenant id).</summary>
public sealed record TenantUserCreated(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles);

public sealed record TenantUserChanged(Guid UserId, IReadOnlyList<string> Roles, bool IsActive);

public sealed record RolePrivilegesChanged(string Role, IReadOnlyList<string> Privileges);

public static class IdentityEventNames
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(TenantUserCreated)] = "tenant.user_created",
        [typeof(TenantUserChanged)] = "tenant.user_changed",
        [typeof(RolePrivilegesChanged)] = "tenant.role_privileges_changed",
    };
}
