using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Mail;

/// <summary>Delivers an email. Called only by <see cref="SendEmailHandler"/>, after the business transaction committed.</summary>
public interface IEmailTransport
{
    Task SendAsync(Guid tenantId, EmailMessage message, UnitOfWork workerUow, CancellationToken ct);
}
