using Dapper;

namespace Ktp.Infrastructure.Database;

/// <summary>Dapper over the unit of work's connection and transaction, cancellable, with the tenant set.</summary>
public static class UnitOfWorkQueries
{
    public static async Task<IEnumerable<T>> QueryAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        await (await uow.ReadyAsync(ct)).QueryAsync<T>(Command(uow, sql, param, ct));

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        await (await uow.ReadyAsync(ct)).QuerySingleOrDefaultAsync<T>(Command(uow, sql, param, ct));

    public static async Task<T> QuerySingleAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        await (await uow.ReadyAsync(ct)).QuerySingleAsync<T>(Command(uow, sql, param, ct));

    public static async Task<T?> ExecuteScalarAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        await (await uow.ReadyAsync(ct)).ExecuteScalarAsync<T>(Command(uow, sql, param, ct));

    public static async Task<int> ExecuteAsync(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        await (await uow.ReadyAsync(ct)).ExecuteAsync(Command(uow, sql, param, ct));

    /// <summary>
    /// Plans this transaction's statements for their own values. For searches whose best plan depends on the filter's
    /// values (a generic plan of the back-office filter scanned a tenant's whole date range where the topic would narrow
    /// it to a few rows: 10x slower); everywhere else PostgreSQL's default reuses plans, which saves most of the
    /// planning a short command costs.
    /// </summary>
    public static Task PlanForTheseValuesAsync(this UnitOfWork uow, CancellationToken ct = default) =>
        uow.ExecuteAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct: ct);

    private static CommandDefinition Command(UnitOfWork uow, string sql, object? param, CancellationToken ct) =>
        new(sql, param, uow.Transaction, cancellationToken: ct);
}
