namespace Ktp.Infrastructure.Events;

/// <summary>Who and why: stored beside every event (user name, correlation and causation in Marten's columns, the rest as headers).</summary>
public sealed record EventMetadata(
    Guid? UserId = null,
    string? UserName = null,
    Guid? CorrelationId = null,
    Guid? CausationId = null,
    string? ClientIp = null)
{
    public const string UserIdHeader = "user_id";
    public const string ClientIpHeader = "client_ip";

    public static readonly EventMetadata System = new(UserName: "system");
}
