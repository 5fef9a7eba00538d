using Dapper;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// The tenant's next inquiry number, taken inside the registering unit of work: the counter row's lock
/// orders one tenant's registrations, and a registration rolled back gives its number back.
/// </summary>
public static class InquiryNumbers
{
    public static Task<long> NextAsync(UnitOfWork uow, CancellationToken ct) =>
        uow.Connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO inquiry_numbers AS n (last_number) VALUES (1)
            ON CONFLICT (tenant_id) DO UPDATE SET last_number = n.last_number + 1
            RETURNING last_number
            """, transaction: uow.Transaction, cancellationToken: ct));
}
