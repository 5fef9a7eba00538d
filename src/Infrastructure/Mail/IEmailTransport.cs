using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Mail;

/// <summary>Delivers an email. Called only by the outbox worker, after the business transaction committed.</summary>
public interface IEmailTransport
{
    Task SendAsync(Guid tenantId, EmailMessage message, UnitOfWork workerUow, CancellationToken ct);
}
