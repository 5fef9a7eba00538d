using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Billing;

public sealed class BalanceView
{
    public string Currency { get; set; } = "";
    public decimal Balance { get; set; }
    public string PlanId { get; set; } = "";
    public string PlanName { get; set; } = "";
    public int PlanVersion { get; set; }
    public DateOnly TrialEndsOn { get; set; }
    public bool Suspended { get; set; }
    public DateTime? NegativeSince { get; set; }
}

public sealed class LedgerRow
{
    public long EntryVersion { get; set; }
    public DateTime At { get; set; }
    public string Kind { get; set; } = "";
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public string Reason { get; set; } = "";
    public string SourceType { get; set; } = "";
    public string SourceId { get; set; } = "";
    public decimal BalanceAfter { get; set; }
}

public sealed record UsageLine(string Kind, decimal Used, decimal Included);

public sealed record Statement(DateOnly From, DateOnly To, string Currency, decimal Opening, decimal Charges, decimal TopUps, decimal Refunds,
    decimal Adjustments, decimal Closing, IReadOnlyList<LedgerRow> Entries);

/// <summary>What the tenant's billing pages and documents read: all from the account's read models.</summary>
public sealed class BillingQueries(CurrentSession session, PlanStore plans)
{
    public async Task<BalanceView?> BalanceAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.BillingView);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<BalanceView>("""
            SELECT b.currency, b.balance, b.plan_id AS PlanId, coalesce(p.name, b.plan_id) AS PlanName, b.plan_version AS PlanVersion,
                   b.trial_ends_on AS TrialEndsOn, b.suspended, b.negative_since AS NegativeSince
            FROM account_balances b LEFT JOIN plans p ON p.plan_id = b.plan_id
            """, ct: ct);
    }

    public async Task<IReadOnlyList<LedgerRow>> LedgerAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.BillingView);
        await using var uow = await session.BeginAsync(ct);
        return await LedgerAsync(uow, from, to);
    }

    private static async Task<IReadOnlyList<LedgerRow>> LedgerAsync(UnitOfWork uow, DateOnly? from, DateOnly? to) =>
        (await uow.QueryAsync<LedgerRow>("""
            SELECT entry_version AS EntryVersion, at, kind, amount, currency, reason, source_type AS SourceType, source_id AS SourceId,
                   balance_after AS BalanceAfter
            FROM account_ledger
            WHERE (@from::timestamptz IS NULL OR at >= @from) AND (@to::timestamptz IS NULL OR at < @to)
            ORDER BY entry_version
            """, new { from = from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to = to?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) })).ToList();

    /// <summary>The month's statement: opening balance, totals per kind, closing balance and the entries.</summary>
    public async Task<Statement> StatementAsync(int year, int month, CancellationToken ct = default)
    {
        session.Demand(Privilege.BillingView);
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1);
        await using var uow = await session.BeginAsync(ct);
        var currency = await uow.QuerySingleOrDefaultAsync<string>("SELECT currency FROM account_balances", ct: ct) ?? "RUB";
        var opening = await uow.QuerySingleOrDefaultAsync<decimal?>("SELECT balance_after FROM account_ledger WHERE at < @from ORDER BY entry_version DESC LIMIT 1", new { from = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) }, ct: ct) ?? 0m;
        var entries = await LedgerAsync(uow, from, to);
        decimal Sum(string kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Amount);
        return new Statement(from, to.AddDays(-1), currency, opening, -Sum("charge"), Sum("topup"), -Sum("refund"), Sum("adjustment"),
            opening + entries.Sum(e => e.Amount), entries);
    }

    /// <summary>Months that have ledger entries, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> StatementMonthsAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.BillingView);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<DateTime>("SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC') m FROM account_ledger ORDER BY m DESC", ct: ct))
            .Select(DateOnly.FromDateTime).ToList();
    }

    /// <summary>This month's usage per kind against what the plan includes.</summary>
    public async Task<IReadOnlyList<UsageLine>> UsageThisMonthAsync(DateOnly today, CancellationToken ct = default)
    {
        var balance = await BalanceAsync(ct);
        if (balance is null) return [];
        var plan = (await plans.GetAsync(balance.PlanId, ct)).Version(balance.PlanVersion);
        await using var uow = await session.BeginAsync(ct);
        var used = (await uow.QueryAsync<(string Kind, decimal Total, decimal Peak)>("""
            SELECT kind, sum(quantity), max(quantity) FROM usage_daily
            WHERE day >= date_trunc('month', @today::date) AND day <= @today::date GROUP BY kind
            """, new { today = today.ToDateTime(TimeOnly.MinValue) }, ct: ct)).ToDictionary(r => r.Kind, r => r.Kind is "StorageGb" or "Seats" ? r.Peak : r.Total);
        return Enum.GetValues<UsageKind>()
            .Select(k => new UsageLine(k.ToString(), used.GetValueOrDefault(k.ToString()), plan.AllowanceFor(k) == UsageAllowance.NotMetered ? 0 : plan.AllowanceFor(k).Included))
            .Prepend(new UsageLine("Seats", used.GetValueOrDefault("Seats"), 0))
            .ToList();
    }
}
