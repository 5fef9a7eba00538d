using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;

namespace Ktp.Tenancy.Billing;

/// <summary>A new tenant starts on the trial plan; called inside the sign-up transaction.</summary>
public sealed class OpenTrialAccount(AccountStream accounts, PlanStore plans, TimeProvider clock)
{
    public async Task HandleAsync(UnitOfWork uow, EventMetadata metadata, DateOnly? startsOn = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = startsOn ?? DateOnly.FromDateTime(now.UtcDateTime);
        var plan = await plans.TrialDefaultAsync(uow);
        await accounts.DecideAsync(uow, new OpenAccount(plan.VersionOn(day), day, now), metadata, ct);
    }
}
