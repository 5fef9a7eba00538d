using Ktp.Infrastructure.Database;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Ktp.Infrastructure.Messaging;

/// <summary>
/// Wolverine's outbox on our own transaction: a message context enlisted in the unit of work's Npgsql
/// transaction persists the envelopes there, and flushes them to the local queues after the commit.
/// </summary>
public sealed class WolverineOutboxFactory(IWolverineRuntime runtime) : IUnitOfWorkOutboxFactory
{
    public IUnitOfWorkOutbox Create(UnitOfWork uow) => new WolverineOutbox(runtime, uow);

    private sealed class WolverineOutbox(IWolverineRuntime runtime, UnitOfWork uow) : IUnitOfWorkOutbox
    {
        private MessageContext? _context;

        public ValueTask SendAsync(object message, Guid tenantId) =>
            Context.SendAsync(message, new DeliveryOptions { TenantId = tenantId.ToString() });

        // Sent, not published: a message type nobody handles fails here instead of vanishing.
        public ValueTask ScheduleAsync(object message, DateTimeOffset at, Guid tenantId) =>
            Context.SendAsync(message, new DeliveryOptions { TenantId = tenantId.ToString(), ScheduledTime = at });

        private MessageContext Context
        {
            get
            {
                if (_context is not null) return _context;
                var storage = runtime.Storage as IMessageDatabase
                    ?? throw new InvalidOperationException("Wolverine's message storage is not the PostgreSQL database.");
                _context = new MessageContext(runtime);
                // Not disposed: disposing the envelope transaction would dispose the unit of work's transaction.
                _context.EnlistInOutbox(new DatabaseEnvelopeTransaction(storage, uow.Transaction));
                uow.AfterCommit(() => _context.FlushOutgoingMessagesAsync());
                return _context;
            }
        }
    }
}
