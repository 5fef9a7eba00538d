using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Outbox;

namespace Ktp.Infrastructure.Mail;

public sealed class EmailOutboxHandler(IEmailTransport transport) : IOutboxHandler
{
    public const string KindName = "email";

    public string Kind => KindName;

    public Task HandleAsync(OutboxMessage message, UnitOfWork uow, CancellationToken ct) =>
        transport.SendAsync(message.TenantId, message.Read<EmailMessage>(), uow, ct);
}
