using System.Net;
using System.Net.Mail;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Mail;

public sealed class SmtpOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 587;
    public string? User { get; init; }
    public string? Password { get; init; }
    public bool EnableSsl { get; init; } = true;
    public required string From { get; init; }
}

/// <summary>Production transport over SMTP (System.Net.Mail; MailKit is not available here).</summary>
public sealed class SmtpTransport(SmtpOptions options) : IEmailTransport
{
    public async Task SendAsync(Guid tenantId, EmailMessage message, UnitOfWork workerUow, CancellationToken ct)
    {
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (options.User is not null) client.Credentials = new NetworkCredential(options.User, options.Password);
        using var mail = new MailMessage(options.From, message.To, message.Subject, message.Body);
        await client.SendMailAsync(mail, ct);
    }
}
