using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Billing;

public sealed class TenantAccountSummary
{
    public Guid TenantId { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string State { get; set; } = "";
    public string? PlanId { get; set; }
    public decimal? Balance { get; set; }
    public string? Currency { get; set; }
    public long Users { get; set; }
    public DateTime? LastActivity { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed record RevenuePoint(DateOnly Day, decimal TopUps, decimal Charges);

public sealed record UsagePoint(DateOnly Day, string Kind, decimal Quantity);

public sealed class PaymentFailure
{
    public long Id { get; set; }
    public string Provider { get; set; } = "";
    public string? EventId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}

/// <summary>
/// The SaaS admin's billing console: every tenant's account, manual credits and suspensions, plan
/// changes. Reads across tenants go through the system role; every action and read is audited.
/// </summary>
public sealed class PlatformBilling(KtpDatabase db, CurrentSession session, AccountStream accounts, PlanStore plans, TenantDirectory directory,
    IPeopleDirectory people, TimeProvider clock)
{
    private const string SummarySql = """
            SELECT t.tenant_id AS TenantId, t.slug, t.name, t.state, b.plan_id AS PlanId, b.balance, b.currency,
                   a.last_event_at AS LastActivity, t.created_at AS CreatedAt
            FROM tenants t LEFT JOIN account_balances b USING (tenant_id) LEFT JOIN tenant_activity a USING (tenant_id)
            """;

    private void DemandPlatform()
    {
        session.Demand(Privilege.PlatformAdmin);
        if (session.Tenant?.IsPlatform != true) throw new ForbiddenException(Privilege.PlatformAdmin);
    }

    public async Task<IReadOnlyList<TenantAccountSummary>> TenantsAsync(string? search, CancellationToken ct = default)
    {
        DemandPlatform();
        await using var uow = await db.BeginSystemAsync(ct);
        var rows = (await uow.QueryAsync<TenantAccountSummary>(SummarySql + "\n" + """
            WHERE t.kind = 'customer' AND (@search::text IS NULL OR t.name ILIKE '%' || @search || '%' OR t.slug ILIKE '%' || @search || '%')
            ORDER BY t.created_at DESC LIMIT 500
            """, new { search = string.IsNullOrWhiteSpace(search) ? null : search.Trim() }, ct)).ToList();
        await WithUsersAsync(uow, rows, ct);
        await AuditAsync(uow, "billing.tenants", null, new { search });
        await uow.CommitAsync(ct);
        return rows;
    }

    /// <summary>Read-only support view of one tenant's account (no impersonation); audited.</summary>
    public async Task<(TenantAccountSummary Tenant, IReadOnlyList<LedgerRow> Ledger)> SupportViewAsync(Guid tenantId, CancellationToken ct = default)
    {
        DemandPlatform();
        await using var uow = await db.BeginSystemAsync(ct);
        var tenant = await uow.QuerySingleOrDefaultAsync<TenantAccountSummary>(SummarySql + "\n" + """
            WHERE t.tenant_id = @tenantId AND t.kind = 'customer'
            """, new { tenantId }, ct) ?? throw new ValidationFailedException("TenantId", "No such tenant.");
        await WithUsersAsync(uow, [tenant], ct);
        var ledger = (await uow.QueryAsync<LedgerRow>("""
            SELECT entry_version AS EntryVersion, at, kind, amount, currency, reason, source_type AS SourceType, source_id AS SourceId, balance_after AS BalanceAfter
            FROM account_ledger WHERE tenant_id = @tenantId ORDER BY entry_version DESC LIMIT 500
            """, new { tenantId }, ct: ct)).ToList();
        await AuditAsync(uow, "billing.support_view", tenantId, new { });
        await uow.CommitAsync(ct);
        return (tenant, ledger);
    }

    /// <summary>Bank transfers and corrections: positive credits, negative debits; a comment is required.</summary>
    public Task AdjustAsync(Guid tenantId, decimal amount, string comment, CancellationToken ct = default)
    {
        DemandPlatform();
        if (string.IsNullOrWhiteSpace(comment)) throw new ValidationFailedException("Comment", "A comment is required for a manual credit or debit.");
        if (amount == 0) throw new ValidationFailedException("Amount", "The amount must not be zero.");
        return OnAccountAsync(tenantId, "billing.adjust", new { amount, comment },
            state => new Adjust(ToMoney(amount, state.Currency), comment.Trim(), session.UserName ?? "platform", clock.GetUtcNow()), ct);
    }

    public Task SuspendAsync(Guid tenantId, string reason, CancellationToken ct = default)
    {
        DemandPlatform();
        return OnAccountAsync(tenantId, "billing.suspend", new { reason },
            _ => new SuspendByAdmin(reason ?? "", session.UserName ?? "platform", clock.GetUtcNow()), ct);
    }

    public Task ResumeAsync(Guid tenantId, string reason, CancellationToken ct = default)
    {
        DemandPlatform();
        return OnAccountAsync(tenantId, "billing.resume", new { reason },
            _ => new ResumeByAdmin(reason ?? "", session.UserName ?? "platform", clock.GetUtcNow()), ct);
    }

    public async Task ChangePlanAsync(Guid tenantId, string planId, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        DemandPlatform();
        var plan = await plans.GetAsync(planId, ct);
        await OnAccountAsync(tenantId, "billing.change_plan", new { planId, effectiveFrom },
            _ => new ChangePlan(plan.VersionOn(effectiveFrom), effectiveFrom, clock.GetUtcNow()), ct);
    }

    public async Task<IReadOnlyList<RevenuePoint>> RevenueAsync(int days, CancellationToken ct = default)
    {
        DemandPlatform();
        await using var uow = await db.BeginSystemAsync(ct);
        var rows = (await uow.QueryAsync<RevenuePoint>("""
            SELECT d::date AS Day,
                   coalesce(sum(l.amount) FILTER (WHERE l.kind = 'topup'), 0) AS TopUps,
                   coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'charge'), 0) AS Charges
            FROM generate_series(current_date - (@days - 1), current_date, interval '1 day') d
            LEFT JOIN account_ledger l ON l.at >= d AND l.at < d + interval '1 day'
            GROUP BY d ORDER BY d
            """, new { days }, ct: ct)).ToList();
        await uow.CommitAsync(ct);
        return rows;
    }

    /// <summary>Metered usage of all tenants per day and kind (seats are the day's count).</summary>
    public async Task<IReadOnlyList<UsagePoint>> UsageAsync(int days, CancellationToken ct = default)
    {
        DemandPlatform();
        await using var uow = await db.BeginSystemAsync(ct);
        return (await uow.QueryAsync<UsagePoint>("""
            SELECT day AS Day, kind AS Kind, sum(quantity) AS Quantity FROM usage_daily
            WHERE day > current_date - @days GROUP BY day, kind ORDER BY day, kind
            """, new { days }, ct: ct)).ToList();
    }

    public async Task<IReadOnlyList<PaymentFailure>> FailuresAsync(CancellationToken ct = default)
    {
        DemandPlatform();
        await using var uow = await db.BeginSystemAsync(ct);
        return (await uow.QueryAsync<PaymentFailure>("SELECT id, provider, event_id AS EventId, reason, received_at AS ReceivedAt FROM payment_failures ORDER BY id DESC LIMIT 200", ct: ct)).ToList();
    }

    private async Task OnAccountAsync(Guid tenantId, string action, object details, Func<Account, object> command, CancellationToken ct)
    {
        string slug;
        await using (var uow = await db.BeginTenantAsync(tenantId, ct))
        {
            var (state, _) = await accounts.LoadAsync(uow, ct);
            if (!state.IsOpen) throw new ValidationFailedException("TenantId", "This tenant has no account.");
            try
            {
                await accounts.DecideAsync(uow, command(state), new EventMetadata(session.UserId, session.UserName, Guid.NewGuid()), ct);
            }
            catch (BillingException e)
            {
                throw new ValidationFailedException("Amount", e.Message);
            }
            slug = await TenantDirectory.SlugAsync(uow, ct);
            await uow.CommitAsync(ct);
        }
        directory.Forget(slug);
        await using var audit = await db.BeginSystemAsync(ct);
        await AuditAsync(audit, action, tenantId, details);
        await audit.CommitAsync(ct);
    }

    private static Money ToMoney(decimal amount, Currency currency)
    {
        try { return Money.Of(amount, currency); }
        catch (BillingException e) { throw new ValidationFailedException("Amount", e.Message); }
    }

    private Task AuditAsync(UnitOfWork uow, string action, Guid? target, object details) =>
        PlatformAudit.RecordAsync(uow, session.UserName ?? "unknown", action, target, details);

    /// <summary>Active users per tenant come from Identity.</summary>
    private async Task<List<TenantAccountSummary>> WithUsersAsync(UnitOfWork uow, List<TenantAccountSummary> rows, CancellationToken ct)
    {
        var counts = await people.ActiveCountsAsync(uow, ct);
        foreach (var row in rows) row.Users = counts.GetValueOrDefault(row.TenantId);
        return rows;
    }
}
