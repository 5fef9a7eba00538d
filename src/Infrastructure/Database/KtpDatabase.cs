using Npgsql;

namespace Ktp.Infrastructure.Database;

/// <summary>
/// The two ways into the database. <see cref="BeginTenantAsync"/> is the normal path: the app role,
/// row-level security, the tenant set for this transaction only. <see cref="BeginSystemAsync"/> is
/// for workers that must see every tenant (projection daemon, outbox) and the audited platform path.
/// </summary>
public sealed class KtpDatabase : IAsyncDisposable
{
    private readonly Messaging.IUnitOfWorkOutboxFactory? _outbox;

    /// <param name="outbox">Wolverine's outbox for the units of work; absent where nothing sends messages (migrator, tools).</param>
    public KtpDatabase(DatabaseOptions options, Messaging.IUnitOfWorkOutboxFactory? outbox = null)
    {
        _outbox = outbox;
        Options = options;
        App = NpgsqlDataSource.Create(options.BuildAppConnectionString());
        System = NpgsqlDataSource.Create(options.BuildSystemConnectionString());
    }

    public DatabaseOptions Options { get; }
    public NpgsqlDataSource App { get; }
    public NpgsqlDataSource System { get; }

    public async Task<UnitOfWork> BeginTenantAsync(Guid tenantId, CancellationToken ct = default)
    {
        if (tenantId == Guid.Empty) throw new ArgumentException("A tenant is required.", nameof(tenantId));
        var connection = await App.OpenConnectionAsync(ct);
        try
        {
            // Npgsql sends BEGIN with the first statement, and the tenant setting goes with it too (UnitOfWork.ForTenant).
            var transaction = await connection.BeginTransactionAsync(ct);
            return WithOutbox(UnitOfWork.ForTenant(connection, transaction, tenantId));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One statement as the tenant, sent with the tenant setting in one round trip and committed by PostgreSQL at once
    /// (an implicit transaction): row locks it takes are never held while the app is busy elsewhere.
    /// </summary>
    /// <param name="sql">The statement, with positional parameters <c>$1</c>, <c>$2</c>…</param>
    public async Task<T> ScalarAsTenantAsync<T>(Guid tenantId, string sql, object[] parameters, CancellationToken ct = default)
    {
        if (tenantId == Guid.Empty) throw new ArgumentException("A tenant is required.", nameof(tenantId));
        await using var connection = await App.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(TenantSetting.Sql) { Parameters = { new NpgsqlParameter { Value = TenantSetting.Value(tenantId) } } });
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) statement.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(statement);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The statement returned no row.");
        return reader.GetFieldValue<T>(0);
    }

    public async Task<UnitOfWork> BeginSystemAsync(CancellationToken ct = default)
    {
        var connection = await System.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return WithOutbox(new UnitOfWork(connection, transaction, null));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await System.DisposeAsync();
    }

    private UnitOfWork WithOutbox(UnitOfWork uow)
    {
        uow.Outbox = _outbox?.Create(uow);
        return uow;
    }
}
