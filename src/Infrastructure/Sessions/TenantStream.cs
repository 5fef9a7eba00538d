namespace Ktp.Infrastructure.Sessions;

/// <summary>Each tenant has one stream of its own (stream id = tenant id): its sign-up, users and roles.</summary>
public static class TenantStream
{
    public const string Type = "tenant";
}
