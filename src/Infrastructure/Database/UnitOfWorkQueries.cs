using Dapper;

namespace Ktp.Infrastructure.Database;

/// <summary>Dapper over the unit of work's connection and transaction.</summary>
public static class UnitOfWorkQueries
{
    public static Task<IEnumerable<T>> QueryAsync<T>(this UnitOfWork uow, string sql, object? param = null) =>
        uow.Connection.QueryAsync<T>(sql, param, uow.Transaction);

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this UnitOfWork uow, string sql, object? param = null) =>
        uow.Connection.QuerySingleOrDefaultAsync<T>(sql, param, uow.Transaction);

    public static Task<T> QuerySingleAsync<T>(this UnitOfWork uow, string sql, object? param = null) =>
        uow.Connection.QuerySingleAsync<T>(sql, param, uow.Transaction);

    public static Task<T?> ExecuteScalarAsync<T>(this UnitOfWork uow, string sql, object? param = null) =>
        uow.Connection.ExecuteScalarAsync<T>(sql, param, uow.Transaction);

    public static Task<int> ExecuteAsync(this UnitOfWork uow, string sql, object? param = null) =>
        uow.Connection.ExecuteAsync(sql, param, uow.Transaction);
}
