using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Billing;

/// <summary>
/// Inline: balance, plan and state (account_balances), one ledger row per money event with the balance
/// after it (account_ledger), and the tenant's active/suspended state, all in the append transaction.
/// </summary>
public sealed class AccountProjection : IInlineProjection
{
    public string StreamType => AccountEventNames.StreamType;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case AccountOpened o:
                    await uow.ExecuteAsync("""
                        INSERT INTO account_balances (stream_id, currency, plan_id, plan_version, trial_ends_on, version)
                        VALUES (@StreamId, @Currency, @PlanId, @PlanVersion, @TrialEndsOn, @Version)
                        """, new { e.StreamId, o.Currency, o.PlanId, o.PlanVersion, TrialEndsOn = o.TrialEndsOn.ToDateTime(TimeOnly.MinValue), e.Version }, ct: ct);
                    break;
                case AccountCharged c:
                    await LedgerAsync(uow, e, "charge", -c.Amount, c.Currency, c.Reason, c.SourceType, c.SourceId, c.At);
                    break;
                case AccountToppedUp t:
                    await LedgerAsync(uow, e, "topup", t.Amount, t.Currency, $"Top-up via {t.PaymentProvider}", "payment", t.PaymentId, t.At);
                    break;
                case AccountRefunded r:
                    await LedgerAsync(uow, e, "refund", -r.Amount, r.Currency, r.Reason, "refund", r.RefundId, r.At);
                    break;
                case AccountAdjusted a:
                    await LedgerAsync(uow, e, "adjustment", a.Amount, a.Currency, a.Comment, "adjustment", a.By, a.At);
                    break;
                case PlanChanged p:
                    await uow.ExecuteAsync("UPDATE account_balances SET plan_id = @PlanId, plan_version = @PlanVersion, version = @Version, updated_at = now()", new { p.PlanId, p.PlanVersion, e.Version }, ct: ct);
                    break;
                case AccountSuspended:
                    await SetStateAsync(uow, suspended: true, e.Version);
                    break;
                case AccountResumed:
                    await SetStateAsync(uow, suspended: false, e.Version);
                    break;
                default:
                    await uow.ExecuteAsync("UPDATE account_balances SET version = @Version", new { e.Version }, ct: ct);
                    break;
            }
        }
    }

    private static async Task LedgerAsync(UnitOfWork uow, StoredEvent e, string kind, decimal delta, string currency,
        string reason, string sourceType, string sourceId, DateTimeOffset at)
    {
        var balance = await uow.QuerySingleAsync<decimal>("""
            UPDATE account_balances SET balance = balance + @delta, version = @Version, updated_at = now(),
              negative_since = CASE WHEN balance + @delta < 0 THEN coalesce(negative_since, @at) ELSE NULL END
            RETURNING balance
            """, new { delta, e.Version, at });
        await uow.ExecuteAsync("""
            INSERT INTO account_ledger (entry_version, at, kind, amount, currency, reason, source_type, source_id, balance_after)
            VALUES (@Version, @at, @kind, @delta, @currency, @reason, @sourceType, @sourceId, @balance)
            """, new { e.Version, at, kind, delta, currency, reason, sourceType, sourceId, balance });
    }

    private static async Task SetStateAsync(UnitOfWork uow, bool suspended, long version)
    {
        await uow.ExecuteAsync("UPDATE account_balances SET suspended = @suspended, version = @version, updated_at = now()", new { suspended, version });
        await TenantDirectory.SetSuspendedAsync(uow, suspended);
    }
}
