using Dapper;

namespace Ktp.Infrastructure.Database;

/// <summary>Dapper over the unit of work's connection and transaction, cancellable.</summary>
public static class UnitOfWorkQueries
{
    public static Task<IEnumerable<T>> QueryAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        uow.Connection.QueryAsync<T>(Command(uow, sql, param, ct));

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        uow.Connection.QuerySingleOrDefaultAsync<T>(Command(uow, sql, param, ct));

    public static Task<T> QuerySingleAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        uow.Connection.QuerySingleAsync<T>(Command(uow, sql, param, ct));

    public static Task<T?> ExecuteScalarAsync<T>(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        uow.Connection.ExecuteScalarAsync<T>(Command(uow, sql, param, ct));

    public static Task<int> ExecuteAsync(this UnitOfWork uow, string sql, object? param = null, CancellationToken ct = default) =>
        uow.Connection.ExecuteAsync(Command(uow, sql, param, ct));

    private static CommandDefinition Command(UnitOfWork uow, string sql, object? param, CancellationToken ct) =>
        new(sql, param, uow.Transaction, cancellationToken: ct);
}
