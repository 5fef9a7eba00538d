namespace Ktp.Infrastructure.EventStore;

/// <summary>Who and why: stored beside every event.</summary>
public sealed record EventMetadata(
    Guid? UserId = null,
    string? UserName = null,
    Guid? CorrelationId = null,
    Guid? CausationId = null,
    string? ClientIp = null)
{
    public static readonly EventMetadata System = new(UserName: "system");
}
