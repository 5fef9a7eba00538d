namespace Ktp.Tenancy.Tenants;

/// <summary>The first event of a tenant's own stream (stream id = tenant id).</summary>
public sealed record TenantSignedUp(string Slug, string Name, string Culture, Guid AdminUserId, string AdminEmail);

public static class TenantEventNames
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(TenantSignedUp)] = "tenant.signed_up",
    };
}
