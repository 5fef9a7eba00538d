namespace Ktp.Infrastructure.Identity;

/// <summary>A person who signs in to one tenant. Identity sees <see cref="Id"/> as "tenant:user".</summary>
public sealed class KtpUser
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public bool IsActive { get; set; } = true;
    public string? Culture { get; set; }
    public List<string> Roles { get; set; } = [];

    public string Id => ComposeId(TenantId, UserId);

    public static string ComposeId(Guid tenantId, Guid userId) => $"{tenantId:N}:{userId:N}";

    public static bool TryParseId(string id, out Guid tenantId, out Guid userId)
    {
        userId = Guid.Empty;
        tenantId = Guid.Empty;
        var parts = id.Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out tenantId) && Guid.TryParse(parts[1], out userId);
    }
}
