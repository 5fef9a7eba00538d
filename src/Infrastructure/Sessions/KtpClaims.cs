namespace Ktp.Infrastructure.Sessions;

public static class KtpClaims
{
    public const string TenantId = "ktp:tenant";
    public const string TenantSlug = "ktp:tenant_slug";
    public const string UserId = "ktp:user";
    public const string DisplayName = "ktp:name";
    public const string Culture = "ktp:culture";
    public const string Privilege = "ktp:priv";
}
