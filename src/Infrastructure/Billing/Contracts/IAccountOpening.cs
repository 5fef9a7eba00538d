using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Billing.Contracts;

/// <summary>What sign-up asks of Billing: the new tenant's account, opened inside the sign-up transaction.</summary>
public interface IAccountOpening
{
    Task OpenTrialAsync(UnitOfWork uow, EventMetadata metadata, DateOnly? startsOn, CancellationToken ct);
}
