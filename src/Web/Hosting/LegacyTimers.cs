using System.Text.Json;
using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Ktp.Tenancy.Billing;
using Ktp.Web.Inquiries;
using Npgsql;

namespace Ktp.Web.Hosting;

/// <summary>
/// The last step of the upgrade from the hand-written outbox: its pending rows (SLA timers, rating jobs, mail)
/// become Wolverine messages scheduled for the same time and tenant, under the keys the new code uses, so
/// nothing is scheduled twice. Needs the Wolverine runtime started. Idempotent: moved rows are deleted in the
/// same transaction; then the table is dropped (kept, renamed, if it holds dead letters, so none is lost).
/// </summary>
public static class LegacyTimers
{
    private sealed record Kind(Func<JsonElement, object> Message, Func<long, string?, string> Key);

    private static readonly Dictionary<string, Kind> Kinds = new()
    {
        ["inquiry.sla_due"] = new(p => p.Deserialize<SlaDeadlineDue>(EventTypeRegistry.Json)!, (_, key) => "sla:" + key),
        ["inquiry.sla_escalate"] = new(p => p.Deserialize<SlaEscalationDue>(EventTypeRegistry.Json)!, (_, key) => "sla-escalation:" + key),
        ["billing.rate_day"] = new(p => p.Deserialize<RateTenantDay>(EventTypeRegistry.Json)!, (id, key) => key ?? "legacy-outbox:" + id),
        ["email"] = new(p => p.Deserialize<EmailMessage>(EventTypeRegistry.Json)!, (id, _) => "legacy-outbox:" + id),
    };

    private const long LockKey = 0x4B5450_4F4258; // "KTP OBX"

    /// <returns>How many pending messages were moved.</returns>
    public static async Task<int> MoveAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<KtpDatabase>();
        int moved;
        await using (var uow = await db.BeginSystemAsync(ct))
        {
            if (!await ExistsAsync(uow.Connection, uow.Transaction, ct)) return 0;
            await uow.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, uow.Transaction, cancellationToken: ct));
            if (!await ExistsAsync(uow.Connection, uow.Transaction, ct)) return 0; // another node finished meanwhile
            var pending = (await uow.Connection.QueryAsync<(long Id, Guid TenantId, string Kind, string Payload, DateTime DueAt, string? Key)>(new CommandDefinition(
                "SELECT id, tenant_id, kind, payload::text, due_at, dedupe_key FROM outbox WHERE status = 'pending' ORDER BY id",
                transaction: uow.Transaction, cancellationToken: ct))).ToList();
            foreach (var row in pending)
            {
                if (!Kinds.TryGetValue(row.Kind, out var kind))
                    throw new InvalidOperationException($"The earlier outbox holds a message of kind '{row.Kind}' that no module handles; nothing was moved.");
                using var payload = JsonDocument.Parse(row.Payload);
                await uow.ScheduleOnceAsync(kind.Key(row.Id, row.Key), kind.Message(payload.RootElement),
                    new DateTimeOffset(DateTime.SpecifyKind(row.DueAt, DateTimeKind.Utc)), row.TenantId, ct);
            }
            await uow.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM outbox WHERE status <> 'dead'", transaction: uow.Transaction, cancellationToken: ct));
            await uow.CommitAsync(ct);
            moved = pending.Count;
        }

        // Only the owner may drop the table.
        await using var owner = new NpgsqlConnection(db.Options.OwnerConnectionString);
        await owner.OpenAsync(ct);
        await owner.ExecuteAsync(new CommandDefinition("""
            DO $$ BEGIN
              IF to_regclass('public.outbox') IS NOT NULL THEN
                IF EXISTS (SELECT 1 FROM outbox) THEN ALTER TABLE outbox RENAME TO legacy_outbox_dead_letters;
                ELSE DROP TABLE outbox; END IF;
              END IF;
            END $$;
            """, cancellationToken: ct));
        return moved;
    }

    private static Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('public.outbox') IS NOT NULL", transaction: tx, cancellationToken: ct));
}
