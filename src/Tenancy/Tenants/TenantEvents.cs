namespace Ktp.Tenancy.Tenants;

/// <summary>The first event of a tenant's own stream (stream id = tenant id).</summary>
public sealed record TenantSignedUp(string Slug, string Name, string Culture, Guid AdminUserId, string AdminEmail);

public sealed record TenantUserCreated(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles);

public sealed record TenantUserChanged(Guid UserId, IReadOnlyList<string> Roles, bool IsActive);

public sealed record RolePrivilegesChanged(string Role, IReadOnlyList<string> Privileges);

public static class TenantStream
{
    public const string Type = "tenant";
}
