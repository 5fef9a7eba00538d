using System.Text.Json;
using Dapper;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Billing;

/// <summary>The platform's plans and their price versions, read from the plans tables.</summary>
public sealed class PlanStore(KtpDatabase db)
{
    private sealed record VersionRow(string PlanId, string Name, string Currency, bool IsTrialDefault, int Version, DateOnly EffectiveFrom,
        decimal SeatPrice, int TrialDays, string Usage);

    public sealed record UsagePrice(decimal Included, decimal OveragePrice);

    private const string Sql = """
        SELECT p.plan_id AS PlanId, p.name, p.currency, p.is_trial_default AS IsTrialDefault, v.version, v.effective_from AS EffectiveFrom,
               v.seat_price AS SeatPrice, v.trial_days AS TrialDays, v.usage::text AS Usage
        FROM plans p JOIN plan_versions v USING (plan_id) ORDER BY p.plan_id, v.version
        """;

    public async Task<IReadOnlyList<Plan>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await db.App.OpenConnectionAsync(ct);
        return Group(await connection.QueryAsync<VersionRow>(new CommandDefinition(Sql, cancellationToken: ct)));
    }

    /// <summary>Inside a unit of work, on its connection: never a second one while it holds the first.</summary>
    public async Task<IReadOnlyList<Plan>> AllAsync(UnitOfWork uow, CancellationToken ct = default) =>
        Group(await uow.QueryAsync<VersionRow>(Sql, ct: ct));

    public async Task<Plan> GetAsync(string planId, CancellationToken ct = default) => Find(await AllAsync(ct), planId);

    public async Task<Plan> GetAsync(string planId, UnitOfWork uow, CancellationToken ct = default) => Find(await AllAsync(uow, ct), planId);

    public async Task<Plan> TrialDefaultAsync(UnitOfWork uow, CancellationToken ct = default)
    {
        var planId = await uow.QuerySingleOrDefaultAsync<string>("SELECT plan_id FROM plans WHERE is_trial_default", ct: ct)
            ?? throw new BillingException("No plan is marked as the trial plan for new tenants.");
        return await GetAsync(planId, uow, ct);
    }

    private static List<Plan> Group(IEnumerable<VersionRow> rows) =>
        rows.GroupBy(r => r.PlanId).Select(g => new Plan(g.Key, g.First().Name, g.Select(ToVersion))).ToList();

    private static Plan Find(IEnumerable<Plan> plans, string planId) =>
        plans.FirstOrDefault(p => p.Id == planId) ?? throw new BillingException($"Unknown plan '{planId}'.");

    private static PlanVersion ToVersion(VersionRow r)
    {
        var usage = JsonSerializer.Deserialize<Dictionary<string, UsagePrice>>(r.Usage, Infrastructure.Events.EventTypeRegistry.Json) ?? [];
        return new PlanVersion(r.PlanId, r.Version, r.EffectiveFrom, Money.Of(r.SeatPrice.Normalize(), r.Currency), r.TrialDays,
            usage.ToDictionary(u => Enum.Parse<UsageKind>(u.Key), u => new UsageAllowance(u.Value.Included, u.Value.OveragePrice)));
    }
}

internal static class DecimalExtensions
{
    /// <summary>numeric(19,4) comes back with four decimals; Money refuses more than the currency has, so drop trailing zeros.</summary>
    public static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
