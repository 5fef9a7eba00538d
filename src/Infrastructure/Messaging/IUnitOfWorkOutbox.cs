namespace Ktp.Infrastructure.Messaging;

/// <summary>The outgoing messages of one unit of work, stored in its transaction and released after its commit.</summary>
public interface IUnitOfWorkOutbox
{
    ValueTask SendAsync(object message, Guid tenantId);
    ValueTask ScheduleAsync(object message, DateTimeOffset at, Guid tenantId);
}

public interface IUnitOfWorkOutboxFactory
{
    IUnitOfWorkOutbox Create(Database.UnitOfWork uow);
}
