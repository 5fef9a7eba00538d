using Npgsql;

namespace Ktp.Infrastructure.Database;

/// <summary>One transaction. Disposing without <see cref="CommitAsync"/> rolls back.</summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly List<Func<Task>> _afterCommit = [];

    private readonly bool _ownsConnection = true;
    private bool _released;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId)
    {
        Connection = connection;
        Transaction = transaction;
        TenantId = tenantId;
    }

    /// <summary>Wraps a transaction someone else owns (e.g. the projection daemon's); disposing leaves it open.</summary>
    public static UnitOfWork Borrowed(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId = null) =>
        new(connection, transaction, tenantId, ownsConnection: false);

    private UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId, bool ownsConnection)
        : this(connection, transaction, tenantId) => _ownsConnection = ownsConnection;

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The tenant set for this transaction; null on the system path.</summary>
    public Guid? TenantId { get; }

    public bool Committed { get; private set; }

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
        await Connection.DisposeAsync();
    }
}
