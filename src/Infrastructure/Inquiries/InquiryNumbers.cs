using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>The tenant's inquiry numbers, counted in one row per tenant: they never repeat.</summary>
public static class InquiryNumbers
{
    /// <summary>
    /// Takes <paramref name="count"/> numbers in one statement of their own, before the registration's unit of work:
    /// holding the counter row's lock through a whole registration made a tenant's registrations wait in line
    /// (bench/load.sh: 30 sessions waiting on it at 24 registrations/s). A registration refused afterwards leaves a gap.
    /// </summary>
    /// <returns>The first of the numbers; the others follow it.</returns>
    public static async Task<long> ReserveAsync(CurrentSession session, int count, CancellationToken ct) =>
        await session.ScalarAsync<long>("""
            INSERT INTO inquiry_numbers AS n (last_number) VALUES ($1)
            ON CONFLICT (tenant_id) DO UPDATE SET last_number = n.last_number + $1
            RETURNING last_number
            """, [count], ct) - count + 1;

    /// <summary>One number inside the caller's unit of work (its lock is held until that commits).</summary>
    public static async Task<long> NextAsync(UnitOfWork uow, CancellationToken ct) =>
        await (await uow.ReadyAsync(ct)).ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO inquiry_numbers AS n (last_number) VALUES (1)
            ON CONFLICT (tenant_id) DO UPDATE SET last_number = n.last_number + 1
            RETURNING last_number
            """, transaction: uow.Transaction, cancellationToken: ct));
}
