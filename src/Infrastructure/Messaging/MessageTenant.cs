using Wolverine;

namespace Ktp.Infrastructure.Messaging;

public static class MessageTenant
{
    /// <summary>The tenant a message was sent for (every KTP message carries one).</summary>
    public static Guid Of(Envelope envelope) =>
        Guid.TryParse(envelope.TenantId, out var tenantId) ? tenantId
            : throw new InvalidOperationException($"Message {envelope.Id} ({envelope.MessageType}) carries no tenant.");
}
