using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Messaging;

/// <summary>
/// Messages written in the caller's transaction (Wolverine's outbox): nothing is sent or scheduled unless the
/// unit of work commits. The tenant is the unit of work's, or named for system-path work.
/// </summary>
public static class UnitOfWorkMessages
{
    /// <summary>Handled as soon as possible after the commit (e-mail, follow-up work).</summary>
    public static ValueTask SendAsync(this UnitOfWork uow, object message, Guid? tenantId = null) =>
        Outbox(uow).SendAsync(message, TenantOf(uow, tenantId));

    /// <summary>Handled at <paramref name="at"/> (deadlines, daily jobs); on time within a second.</summary>
    public static ValueTask ScheduleAsync(this UnitOfWork uow, object message, DateTimeOffset at, Guid? tenantId = null) =>
        Outbox(uow).ScheduleAsync(message, at, TenantOf(uow, tenantId));

    /// <summary>
    /// Schedules only if nothing was scheduled under <paramref name="key"/> for this tenant before (one daily job
    /// per day, one timer per deadline), however many nodes or callers try.
    /// </summary>
    public static async Task<bool> ScheduleOnceAsync(this UnitOfWork uow, string key, object message, DateTimeOffset at,
        Guid? tenantId = null, CancellationToken ct = default)
    {
        var tenant = TenantOf(uow, tenantId);
        await using var cmd = new Npgsql.NpgsqlCommand("""
            INSERT INTO scheduled_message_keys (tenant_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING
            """, await uow.ReadyAsync(ct), uow.Transaction);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = key });
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) return false;
        await Outbox(uow).ScheduleAsync(message, at, tenant);
        return true;
    }

    private static IUnitOfWorkOutbox Outbox(UnitOfWork uow) =>
        uow.Outbox ?? throw new InvalidOperationException("Messaging is not configured for this database (no Wolverine runtime).");

    private static Guid TenantOf(UnitOfWork uow, Guid? tenantId) =>
        tenantId ?? uow.TenantId ?? throw new InvalidOperationException("A message belongs to a tenant: name it on the system path.");
}
