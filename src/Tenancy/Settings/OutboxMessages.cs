using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Tenancy.Tenants;

namespace Ktp.Tenancy.Settings;

public sealed record OutboxRow(long Id, string Kind, string Status, int Attempts, DateTime DueAt, string? LastError, DateTime CreatedAt);

/// <summary>The tenant's view of work waiting to leave (mail, webhooks) and of dead letters, with retry.</summary>
public sealed class OutboxMessages(CurrentSession session)
{
    public async Task<IReadOnlyList<OutboxRow>> ListAsync(string? status, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<OutboxRow>("""
            SELECT id, kind, status, attempts, due_at AS DueAt, last_error AS LastError, created_at AS CreatedAt
            FROM outbox WHERE (@status::text IS NULL OR status = @status) ORDER BY id DESC LIMIT 200
            """, new { status })).ToList();
    }

    public async Task RetryAsync(long id, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("UPDATE outbox SET status = 'pending', attempts = 0, due_at = now() WHERE id = @id AND status = 'dead'", new { id });
        await uow.CommitAsync(ct);
    }
}
