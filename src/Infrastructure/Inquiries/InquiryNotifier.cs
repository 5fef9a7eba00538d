using Microsoft.Extensions.Logging;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>Tells the screens of a project (on every node) that its queues changed.</summary>
public sealed class InquiryNotifier(KtpDatabase db, ILogger<InquiryNotifier> logger) : ChangeNotifier(db, logger, InquiryProjection.Channel)
{
    public IDisposable Subscribe(Guid tenantId, Guid projectId, Func<Task> onChange) => Subscribe($"{tenantId}:{projectId}", onChange);
}
