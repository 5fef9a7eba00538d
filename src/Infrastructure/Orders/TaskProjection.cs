using Ktp.Domain.Orders;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Orders;

/// <summary>Inline: who has each user task, from the tasks' own streams, for the dispatcher, "my tasks" and task management.</summary>
public sealed class TaskProjection : IInlineProjection
{
    public string StreamType => OrderEventNames.TaskStream;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
            await ServiceProjection.ApplyAssignmentAsync(uow, stored.Data, ct);
        await uow.ExecuteAsync("SELECT pg_notify(@channel, ktp_current_tenant()::text)", new { channel = OrderProjection.Channel }, ct);
    }
}
