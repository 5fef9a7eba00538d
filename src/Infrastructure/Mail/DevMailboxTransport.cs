using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Mail;

/// <summary>Development transport: mail lands in the dev_mailbox table, shown on the dev mailbox page.</summary>
public sealed class DevMailboxTransport : IEmailTransport
{
    public Task SendAsync(Guid tenantId, EmailMessage message, UnitOfWork workerUow, CancellationToken ct) =>
        workerUow.ExecuteAsync("INSERT INTO dev_mailbox (tenant_id, recipient, subject, body) VALUES (@tenantId, @To, @Subject, @Body)", new { tenantId, message.To, message.Subject, message.Body }, ct: ct);
}
