using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

public sealed record SavedFilter(Guid FilterId, string Name, bool Shared, bool Mine, string OwnerName, InquiryFilter Filter);

/// <summary>
/// Named filters of the back office list: each user's own, plus those a manager shared with everyone in
/// the workspace. Saving under an existing name of one's own replaces that filter.
/// </summary>
public sealed class SavedFilters(CurrentSession session, IPeopleDirectory people, TimeProvider clock)
{
    private sealed class Row
    {
        public Guid FilterId { get; set; }
        public Guid UserId { get; set; }
        public string Name { get; set; } = "";
        public bool Shared { get; set; }
        public string Filter { get; set; } = "{}";
    }

    public async Task<IReadOnlyList<SavedFilter>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        var me = Me();
        await using var uow = await session.BeginAsync(ct);
        var rows = await uow.QueryAsync<Row>("""
            SELECT f.filter_id AS FilterId, f.user_id AS UserId, f.name, f.shared, f.filter::text AS Filter
            FROM saved_filters f
            WHERE f.user_id = @me OR f.shared
            ORDER BY f.user_id <> @me, f.name
            """, new { me }, ct);
        var owners = await people.NamesAsync(uow, [.. rows.Select(r => r.UserId)], ct);
        return [.. rows.Select(r => new SavedFilter(r.FilterId, r.Name, r.Shared, r.UserId == me, owners.GetValueOrDefault(r.UserId, ""), InquiryFilter.FromJson(r.Filter)))];
    }

    /// <summary>Saves the filter under the name (replacing one's own of that name). Sharing needs <c>inquiries.manage</c>.</summary>
    public async Task<Guid> SaveAsync(string name, InquiryFilter filter, bool shared = false, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        if (shared) session.Demand(Privilege.InquiriesManage);
        name = name?.Trim() ?? "";
        new Validation().Require(name.Length is >= 1 and <= 100, "name", "Name the filter (at most 100 characters).").ThrowIfInvalid();
        var normalized = filter.Normalized();
        normalized.ParsedNumbers(); // refuse a filter that cannot run
        await using var uow = await session.BeginAsync(ct);
        var id = await uow.QuerySingleAsync<Guid>("""
            INSERT INTO saved_filters (filter_id, user_id, name, filter, shared, created_at, updated_at)
            VALUES (@id, @me, @name, @json::jsonb, @shared, @now, @now)
            ON CONFLICT (tenant_id, user_id, name) DO UPDATE SET filter = excluded.filter, shared = excluded.shared, updated_at = excluded.updated_at
            RETURNING filter_id
            """, new { id = Guid.CreateVersion7(), me = Me(), name, json = normalized.ToJson(), shared, now = clock.GetUtcNow() }, ct: ct);
        await uow.CommitAsync(ct);
        return id;
    }

    /// <summary>Deletes one's own filter; a manager may also delete a shared one.</summary>
    public async Task DeleteAsync(Guid filterId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var deleted = await uow.ExecuteAsync("DELETE FROM saved_filters WHERE filter_id = @filterId AND (user_id = @me OR (shared AND @manager))", new { filterId, me = Me(), manager = session.Has(Privilege.InquiriesManage) }, ct: ct);
        if (deleted == 0) throw new ValidationFailedException("filterId", "No such filter of yours.");
        await uow.CommitAsync(ct);
    }

    private Guid Me() => session.UserId ?? throw new ForbiddenException(Privilege.InquiriesWork);
}
