using Microsoft.Extensions.Logging;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Orders;

/// <summary>Tells the order and task screens of a tenant (on every node) that its orders or tasks changed.</summary>
public sealed class OrderNotifier(KtpDatabase db, ILogger<OrderNotifier> logger) : ChangeNotifier(db, logger, OrderProjection.Channel)
{
    public IDisposable Subscribe(Guid tenantId, Func<Task> onChange) => Subscribe(tenantId.ToString(), onChange);
}
