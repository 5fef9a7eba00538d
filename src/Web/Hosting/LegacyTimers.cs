using System.Text.Json;
using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Inquiries;
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
    /// <summary>Each earlier kind's message; its key is the one the new code schedules that message under.</summary>
    private static readonly Dictionary<string, Func<JsonElement, object>> Kinds = new()
    {
        ["inquiry.sla_due"] = p => p.Deserialize<SlaDeadlineDue>(EventTypeRegistry.Json)!,
        ["inquiry.sla_escalate"] = p => p.Deserialize<SlaEscalationDue>(EventTypeRegistry.Json)!,
        ["billing.rate_day"] = p => p.Deserialize<RateTenantDay>(EventTypeRegistry.Json)!,
        ["email"] = p => p.Deserialize<EmailMessage>(EventTypeRegistry.Json)!,
    };

    private static string KeyOf(object message, long rowId) => message switch
    {
        SlaDeadlineDue sla => SlaTimer.KeyOf(sla.InquiryId, sla.DueAt),
        SlaEscalationDue escalation => SlaEscalationTimer.KeyOf(escalation),
        RateTenantDay rating => BillingScheduler.KeyOf(rating.Day),
        _ => "legacy-outbox:" + rowId, // mail is sent once per row
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
            var pending = (await uow.Connection.QueryAsync<(long Id, Guid TenantId, string Kind, string Payload, DateTime DueAt)>(new CommandDefinition(
                "SELECT id, tenant_id, kind, payload::text, due_at FROM outbox WHERE status = 'pending' ORDER BY id",
                transaction: uow.Transaction, cancellationToken: ct))).ToList();
            foreach (var row in pending)
            {
                if (!Kinds.TryGetValue(row.Kind, out var read))
                    throw new InvalidOperationException($"The earlier outbox holds a message of kind '{row.Kind}' that no module handles; nothing was moved.");
                using var payload = JsonDocument.Parse(row.Payload);
                var message = read(payload.RootElement);
                await uow.ScheduleOnceAsync(KeyOf(message, row.Id), message,
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
