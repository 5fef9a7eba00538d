using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;

namespace Ktp.Infrastructure.Orders;

/// <summary>A BPMN timer came due: the engine fires it. A timer already withdrawn (its task done, the order cancelled) is ignored.</summary>
[WolverineHandler]
public sealed class ProcessTimers(KtpDatabase db, ServiceStream services, TimeProvider clock)
{
    public async Task HandleAsync(ProcessTimerDue timer, Envelope envelope, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(MessageTenant.Of(envelope), ct);
        var (state, events) = await services.LoadAsync(uow, timer.ServiceId, ct: ct);
        if (events.Count == 0 || state.Process.IsFinished || state.Process.Timers.All(t => t.TimerId != timer.TimerId)) return;
        await services.RunAsync(uow, timer.ServiceId, new EventMetadata(UserName: "timer", CorrelationId: Guid.NewGuid()), ct,
            (_, _) => new FireTimer(timer.TimerId, clock.GetUtcNow()));
        await uow.CommitAsync(ct);
    }
}
