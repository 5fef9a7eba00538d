using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Npgsql;

namespace Ktp.Infrastructure.Billing;

public sealed record NewPlanVersion(string PlanId, string Name, string Currency, DateOnly EffectiveFrom, decimal SeatPrice, int TrialDays,
    IReadOnlyDictionary<UsageKind, PlanStore.UsagePrice> Usage);

/// <summary>The SaaS admin publishes plans and new price versions; a published version never changes.</summary>
public sealed class PlatformPlans(KtpDatabase db, CurrentSession session, PlanStore plans)
{
    public Task<IReadOnlyList<Plan>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.PlatformAdmin);
        return plans.AllAsync(ct);
    }

    /// <summary>Creates the plan if new, else adds the next version; validated by the domain's Plan rules.</summary>
    public async Task<int> PublishAsync(NewPlanVersion input, CancellationToken ct = default)
    {
        session.Demand(Privilege.PlatformAdmin);
        if (session.Tenant?.IsPlatform != true) throw new ForbiddenException(Privilege.PlatformAdmin);
        var existing = (await plans.AllAsync(ct)).FirstOrDefault(p => p.Id == input.PlanId);
        var version = existing is null ? 1 : existing.Latest.Version + 1;
        try
        {
            var candidate = new PlanVersion(input.PlanId, version, input.EffectiveFrom, Money.Of(input.SeatPrice, input.Currency), input.TrialDays,
                input.Usage.ToDictionary(u => u.Key, u => new UsageAllowance(u.Value.Included, u.Value.OveragePrice)));
            _ = new Plan(input.PlanId, string.IsNullOrWhiteSpace(input.Name) ? input.PlanId : input.Name, [.. existing?.Versions ?? [], candidate]);
        }
        catch (BillingException e)
        {
            throw new ValidationFailedException("Plan", e.Message);
        }
        await using var uow = await db.BeginSystemAsync(ct);
        try
        {
            if (existing is null)
                await uow.ExecuteAsync("INSERT INTO plans (plan_id, name, currency) VALUES (@PlanId, @Name, @Currency)", new { input.PlanId, input.Name, Currency = input.Currency.ToUpperInvariant() }, ct: ct);
            await uow.ExecuteAsync("""
                INSERT INTO plan_versions (plan_id, version, effective_from, seat_price, trial_days, usage, created_by)
                VALUES (@PlanId, @version, @from, @SeatPrice, @TrialDays, @usage::jsonb, @by)
                """, new
            {
                input.PlanId, version, from = input.EffectiveFrom.ToDateTime(TimeOnly.MinValue), input.SeatPrice, input.TrialDays,
                usage = JsonSerializer.Serialize(input.Usage.ToDictionary(u => u.Key.ToString(), u => u.Value), Infrastructure.Events.EventTypeRegistry.Json),
                by = session.UserName ?? "platform",
            }, ct: ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
        {
            throw new ValidationFailedException("PlanId", "The plan id must be 2–41 lower-case latin letters, digits, '-' or '_', and not taken by another plan at the same time.");
        }
        await uow.CommitAsync(ct);
        return version;
    }
}
