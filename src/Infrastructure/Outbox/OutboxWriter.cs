using System.Text.Json;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Outbox;

/// <summary>Writes work for later in the caller's transaction: nothing leaves before the commit.</summary>
public static class OutboxWriter
{
    /// <param name="dueAt">Later than now for timers (SLA deadlines, daily jobs).</param>
    /// <param name="dedupeKey">Same kind and key within a tenant is written once (e.g. one daily job per day).</param>
    public static async Task<bool> EnqueueAsync(this UnitOfWork uow, string kind, object payload,
        DateTimeOffset? dueAt = null, string? dedupeKey = null, Guid? tenantId = null)
    {
        var rows = await uow.ExecuteAsync("""
            INSERT INTO outbox (tenant_id, kind, payload, due_at, dedupe_key)
            VALUES (coalesce(@tenantId, ktp_current_tenant()), @kind, @payload::jsonb, coalesce(@dueAt, now()), @dedupeKey)
            ON CONFLICT (tenant_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            """, new { tenantId, kind, payload = JsonSerializer.Serialize(payload, EventStore.EventTypeRegistry.Json), dueAt, dedupeKey });
        uow.AfterCommit(() => { OutboxSignal.Shared.Notify(); return Task.CompletedTask; });
        return rows == 1;
    }
}
