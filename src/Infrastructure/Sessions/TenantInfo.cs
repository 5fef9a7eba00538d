namespace Ktp.Infrastructure.Sessions;

public sealed record TenantInfo(Guid TenantId, string Slug, string Name, string Culture, string Kind, string State)
{
    public const string PlatformSlug = "platform";
    public bool IsPlatform => Kind == "platform";
    public bool IsSuspended => State == "suspended";
}
