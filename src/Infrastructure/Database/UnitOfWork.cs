using Npgsql;

namespace Ktp.Infrastructure.Database;

/// <summary>One transaction. Disposing without <see cref="CommitAsync"/> rolls back.</summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly List<Func<Task>> _afterCommit = [];

    private readonly NpgsqlConnection _connection;
    private readonly bool _ownsConnection = true;
    private bool _released;
    private bool _tenantPending;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId)
    {
        _connection = connection;
        Transaction = transaction;
        TenantId = tenantId;
    }

    /// <summary>
    /// A tenant's transaction whose tenant setting (<c>app.tenant_id</c>, for row-level security) is not sent yet:
    /// it goes with the first statement (<see cref="ReadyAsync"/>), or at the head of a caller's own batch
    /// (<see cref="TakeTenantSetting"/>), so that a transaction starting with a write needs no round trip for it.
    /// </summary>
    internal static UnitOfWork ForTenant(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId) =>
        new(connection, transaction, tenantId) { _tenantPending = true };

    /// <summary>Wraps a transaction someone else owns (e.g. the projection daemon's); disposing leaves it open.</summary>
    public static UnitOfWork Borrowed(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId = null) =>
        new(connection, transaction, tenantId, ownsConnection: false);

    private UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId, bool ownsConnection)
        : this(connection, transaction, tenantId) => _ownsConnection = ownsConnection;

    /// <summary>The connection, for a statement of its own; refused until the tenant is set (<see cref="ReadyAsync"/>).</summary>
    public NpgsqlConnection Connection => _tenantPending
        ? throw new InvalidOperationException("The tenant is not set on this connection yet: await ReadyAsync first.")
        : _connection;
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The tenant set for this transaction; null on the system path.</summary>
    public Guid? TenantId { get; }

    public bool Committed { get; private set; }

    /// <summary>The connection with the tenant set: sends the setting first if nothing has sent it yet.</summary>
    public async ValueTask<NpgsqlConnection> ReadyAsync(CancellationToken ct = default)
    {
        if (_tenantPending)
        {
            await using var cmd = new NpgsqlCommand(TenantSetting.Sql, _connection, Transaction);
            cmd.Parameters.Add(new NpgsqlParameter { Value = TenantSetting.Value(TenantId!.Value) });
            await cmd.ExecuteNonQueryAsync(ct);
            _tenantPending = false;
        }
        return _connection;
    }

    /// <summary>
    /// For a caller about to send its own batch on this transaction: the tenant to set at the head of that batch
    /// (<see cref="TenantSetting"/>) if nothing has sent it yet, and from now on the caller's to send.
    /// </summary>
    internal bool TakeTenantSetting(out Guid tenantId)
    {
        tenantId = TenantId ?? Guid.Empty;
        if (!_tenantPending) return false;
        _tenantPending = false;
        return true;
    }

    /// <summary>Messages sent or scheduled in this transaction (see <c>UnitOfWorkMessages</c>).</summary>
    public Messaging.IUnitOfWorkOutbox? Outbox { get; internal set; }

    /// <summary>Runs after a successful commit (e.g. waking workers); never for publishing data.</summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    public async Task CommitAsync(CancellationToken ct = default)
    {
        await Transaction.CommitAsync(ct);
        Committed = true;
        foreach (var action in _afterCommit) await action();
        // Back to the pool now, not when the caller's scope ends: the caller may go on to open its next unit of work.
        await DisposeAsync();
    }

    // Once only: after the commit gave the connection back, another request may hold it; touching the old
    // transaction again would reach into that request's session.
    public async ValueTask DisposeAsync()
    {
        if (!_ownsConnection || _released) return;
        _released = true;
        await Transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>How a transaction is told its tenant: transaction-local, so the connection goes back to the pool without one.</summary>
public static class TenantSetting
{
    /// <summary>With positional parameter <c>$1</c>: the tenant's <see cref="Value"/>.</summary>
    public const string Sql = "SELECT set_config('app.tenant_id', $1, true)";

    /// <summary>The same statement for a builder with another placeholder (Marten's batches use <c>?</c>).</summary>
    public static string SqlWith(string placeholder) => Sql.Replace("$1", placeholder, StringComparison.Ordinal);

    public static string Value(Guid tenantId) => tenantId.ToString();
}
