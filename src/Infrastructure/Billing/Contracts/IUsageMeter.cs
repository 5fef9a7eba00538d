using Ktp.Domain.Billing;

namespace Ktp.Infrastructure.Billing.Contracts;

/// <summary>Other modules report metered usage as it happens (an API call, a call minute); billing rates it daily.</summary>
public interface IUsageMeter
{
    void Add(Guid tenantId, UsageKind kind, decimal quantity = 1);
}
