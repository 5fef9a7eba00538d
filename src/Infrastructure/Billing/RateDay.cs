using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Billing;

public sealed record RateTenantDay(DateOnly Day);

/// <summary>
/// The daily rating job for one tenant and day: seats and overage charged once (the account refuses a
/// second charge for the same day, and the job is scheduled once per tenant and day), then the
/// low-balance notice and the grace-period check.
/// </summary>
[WolverineHandler]
public sealed class RateDay(KtpDatabase db, AccountStream accounts, PlanStore plans, BillingOptions options, IPeopleDirectory people,
    TimeProvider clock, ILogger<RateDay> logger)
{
    public Task HandleAsync(RateTenantDay message, Envelope envelope, CancellationToken ct) =>
        RunAsync(MessageTenant.Of(envelope), message.Day, ct);

    /// <param name="at">When the charge is recorded; the job itself records now, the demo seed the end of each past day.</param>
    public async Task<IReadOnlyList<object>> RunAsync(Guid tenantId, DateOnly day, CancellationToken ct = default, DateTimeOffset? at = null)
    {
        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        var (state, _) = await accounts.LoadAsync(uow, ct);
        if (!state.IsOpen || day < state.StartsOn) return [];
        var period = state.PlanOn(day)!;
        var plan = (await plans.GetAsync(period.PlanId, uow, ct)).Version(period.PlanVersion);
        var now = at ?? clock.GetUtcNow();
        var seats = await CountSeatsAsync(uow, day, ct);
        var usage = await UsageMonthToDateAsync(uow, day);
        var metadata = new EventMetadata(UserName: "billing", CorrelationId: Guid.NewGuid());

        var decided = new List<object>();
        decided.AddRange(await accounts.DecideAsync(uow, new ChargeDay(day, plan, seats, usage, now), metadata, ct));
        var low = await accounts.DecideAsync(uow, new NotifyLowBalance(Money.Of(options.LowBalanceThreshold, state.Currency), now), metadata, ct);
        decided.AddRange(low);
        decided.AddRange(await accounts.DecideAsync(uow, new CheckGracePeriod(now, options.GraceDays), metadata, ct));
        if (low.OfType<LowBalanceNotified>().FirstOrDefault() is { } notice) await NotifyAdminsAsync(uow, notice, ct);
        await uow.CommitAsync(ct);
        logger.LogInformation("Rated {Day} for tenant {TenantId}: {Seats} seats, {Events} events", day, tenantId, seats, decided.Count);
        return decided;
    }

    /// <summary>Seats are the active users in a seat role; the count of the day is kept in the usage meters.</summary>
    private async Task<int> CountSeatsAsync(UnitOfWork uow, DateOnly day, CancellationToken ct)
    {
        var seats = (await people.InRolesAsync(uow, [.. options.SeatRoles], ct)).Count;
        await uow.ExecuteAsync("""
            INSERT INTO usage_daily (day, kind, quantity) VALUES (@day, 'Seats', @seats)
            ON CONFLICT (tenant_id, day, kind) DO UPDATE SET quantity = excluded.quantity
            """, new { day = day.ToDateTime(TimeOnly.MinValue), seats }, ct: ct);
        return seats;
    }

    private static async Task<IReadOnlyDictionary<UsageKind, decimal>> UsageMonthToDateAsync(UnitOfWork uow, DateOnly day)
    {
        var rows = await uow.QueryAsync<(string Kind, decimal Total, decimal Peak)>("""
            SELECT kind, sum(quantity), max(quantity) FROM usage_daily
            WHERE day >= date_trunc('month', @day::date) AND day <= @day::date AND kind <> 'Seats' GROUP BY kind
            """, new { day = day.ToDateTime(TimeOnly.MinValue) });
        return rows.ToDictionary(r => Enum.Parse<UsageKind>(r.Kind), r => r.Kind == nameof(UsageKind.StorageGb) ? r.Peak : r.Total);
    }

    private async Task NotifyAdminsAsync(UnitOfWork uow, LowBalanceNotified notice, CancellationToken ct)
    {
        var admins = await people.WithPrivilegeAsync(uow, Privilege.BillingTopUp, ct);
        foreach (var email in admins.Select(a => a.Email).Distinct())
            await uow.SendAsync(new EmailMessage(email, "Low balance / Низкий баланс",
                $"The account balance is {notice.Balance:0.00} {notice.Currency}, below {notice.Threshold:0.00}. Top up to keep the service running.\n" +
                $"Баланс счёта {notice.Balance:0.00} {notice.Currency}, ниже {notice.Threshold:0.00}. Пополните счёт, чтобы сервис продолжал работать."));
    }
}
