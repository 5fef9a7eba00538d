using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Contracts;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Billing;

/// <summary>A new tenant starts on the trial plan; called inside the sign-up transaction.</summary>
public sealed class OpenTrialAccount(AccountStream accounts, PlanStore plans, TimeProvider clock) : IAccountOpening
{
    public async Task OpenTrialAsync(UnitOfWork uow, EventMetadata metadata, DateOnly? startsOn, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = startsOn ?? DateOnly.FromDateTime(now.UtcDateTime);
        var plan = await plans.TrialDefaultAsync(uow, ct);
        await accounts.DecideAsync(uow, new OpenAccount(plan.VersionOn(day), day, now), metadata, ct);
    }
}
