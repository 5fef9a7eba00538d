using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// The back office columns the signed-in user chose to see (the column chooser): kept per user and workspace,
/// under row-level security like the saved filters. Null until the user chooses: the page shows its defaults.
/// </summary>
public sealed class BackOfficeColumns(CurrentSession session, TimeProvider clock)
{
    public const int MaxColumns = 50;

    public async Task<IReadOnlyList<string>?> MineAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<string[]>(
            "SELECT columns FROM backoffice_columns WHERE user_id = @me", new { me = Me() }, ct);
    }

    /// <summary>Remembers the visible columns (their keys, in order) for the signed-in user.</summary>
    public async Task SaveAsync(IEnumerable<string> columns, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        var keys = columns.Select(c => c?.Trim() ?? "").Distinct().ToArray();
        new Validation()
            .Require(keys.Length <= MaxColumns, "columns", "Too many columns.")
            .Require(keys.All(k => k.Length is >= 1 and <= 50), "columns", "Unknown column.")
            .ThrowIfInvalid();
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("""
            INSERT INTO backoffice_columns (user_id, columns, updated_at) VALUES (@me, @keys, @now)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at
            """, new { me = Me(), keys, now = clock.GetUtcNow() }, ct: ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>Forgets the choice: the page shows its default columns again.</summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("DELETE FROM backoffice_columns WHERE user_id = @me", new { me = Me() }, ct: ct);
        await uow.CommitAsync(ct);
    }

    private Guid Me() => session.UserId ?? throw new ForbiddenException(Privilege.InquiriesWork);
}
