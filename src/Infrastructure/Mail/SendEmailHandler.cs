using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Messaging;
using Wolverine;

namespace Ktp.Infrastructure.Mail;

/// <summary>Delivers an e-mail after the transaction that wrote it committed; a failure retries, then becomes a dead letter.</summary>
public sealed class SendEmailHandler(IEmailTransport transport, KtpDatabase db)
{
    public async Task HandleAsync(EmailMessage message, Envelope envelope, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        await transport.SendAsync(MessageTenant.Of(envelope), message, uow, ct);
        await uow.CommitAsync(ct);
    }
}
