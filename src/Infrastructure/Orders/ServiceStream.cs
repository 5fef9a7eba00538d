using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;

namespace Ktp.Infrastructure.Orders;

/// <summary>Runs timer <paramref name="TimerId"/> of the service's process when it comes due.</summary>
public sealed record ProcessTimerDue(Guid ServiceId, string TimerId);

/// <summary>Calls the endpoint of service task <paramref name="TaskId"/> (attempt <paramref name="Attempt"/>) and reports the result.</summary>
public sealed record CallServiceEndpoint(Guid ServiceId, string TaskId, int Attempt);

/// <summary>A service's state as loaded in a transaction, and the version it was loaded at.</summary>
public sealed record LoadedService(Guid Id, ServiceWork State, long Version);

/// <summary>
/// An ordered service's stream: its process instance and the assignments of its tasks. What the engine asks for
/// follows from the appended events in the same transaction, so no caller can forget it: timers become scheduled
/// messages, service calls become messages (a retry after a growing pause), and the order hears of every change
/// of the service's state.
/// </summary>
public sealed class ServiceStream(EventStore store, ProcessDefinitions definitions, OrderStream orders, OrdersOptions options, TimeProvider clock)
    : AggregateStream<ServiceWork, ServiceCommand>(store)
{
    protected override string StreamType => OrderEventNames.ServiceStream;

    protected override ServiceWork Fold(IEnumerable<object> events) => ServiceWork.From(events);

    protected override void Evolve(ServiceWork state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(ServiceWork state, ServiceCommand command) => ServiceDecisions.Decide(state, command);

    /// <summary>The service as stored, with the version a decision on it expects; refused when there is no such service.</summary>
    public async Task<LoadedService> LoadServiceAsync(UnitOfWork uow, Guid serviceId, CancellationToken ct)
    {
        var (state, events) = await LoadAsync(uow, serviceId, ct: ct);
        if (events.Count == 0) throw new ProcessItemNotFoundException($"There is no service {serviceId}.");
        return new LoadedService(serviceId, state, events[^1].Version);
    }

    /// <summary>Loads the service, the definition its process runs on, and decides the command built from both.</summary>
    public async Task<IReadOnlyList<object>> RunAsync(UnitOfWork uow, Guid serviceId, EventMetadata metadata, CancellationToken ct,
        Func<ProcessDefinition, ServiceWork, ProcessCommand> command) =>
        await RunAsync(uow, await LoadServiceAsync(uow, serviceId, ct), metadata, ct, command);

    /// <summary>As above, on a service the caller has loaded in this transaction already.</summary>
    public async Task<IReadOnlyList<object>> RunAsync(UnitOfWork uow, LoadedService service, EventMetadata metadata, CancellationToken ct,
        Func<ProcessDefinition, ServiceWork, ProcessCommand> command)
    {
        var definition = await definitions.GetAsync(uow, service.State.Process.DefinitionKey, service.State.Process.DefinitionVersion, ct);
        return await DecideOnAsync(uow, service.Id, service.State, service.Version, metadata, ct, s => new RunProcess(definition, command(definition, s)));
    }

    /// <summary>As <see cref="RunAsync(UnitOfWork, Guid, EventMetadata, CancellationToken, Func{ProcessDefinition, ServiceWork, ProcessCommand})"/> for commands that are not the engine's alone (tasks done by people).</summary>
    public async Task<IReadOnlyList<object>> WorkAsync(UnitOfWork uow, Guid serviceId, EventMetadata metadata, CancellationToken ct,
        Func<ProcessDefinition, ServiceWork, ServiceCommand> command)
    {
        var service = await LoadServiceAsync(uow, serviceId, ct);
        var definition = await definitions.GetAsync(uow, service.State.Process.DefinitionKey, service.State.Process.DefinitionVersion, ct);
        return await DecideOnAsync(uow, serviceId, service.State, service.Version, metadata, ct, s => command(definition, s));
    }

    protected override async Task AfterAppendAsync(UnitOfWork uow, Guid streamId, ServiceWork after, IReadOnlyList<object> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case TimerScheduled t:
                    await uow.ScheduleOnceAsync($"bpmn:{streamId:N}:{t.TimerId}:{t.DueAt.UtcTicks}", new ProcessTimerDue(streamId, t.TimerId), t.DueAt, ct: ct);
                    break;
                case ServiceCallRequested c when c.Attempt == 1:
                    await uow.SendAsync(new CallServiceEndpoint(streamId, c.TaskId, c.Attempt));
                    break;
                case ServiceCallRequested c:
                    await uow.ScheduleAsync(new CallServiceEndpoint(streamId, c.TaskId, c.Attempt), clock.GetUtcNow() + options.RetryPause(c.Attempt));
                    break;
            }
        }
        await ReportStateAsync(uow, streamId, after, ct);
    }

    private async Task ReportStateAsync(UnitOfWork uow, Guid serviceId, ServiceWork after, CancellationToken ct)
    {
        var state = ServiceStates.Of(after.Process);
        var row = await uow.QuerySingleOrDefaultAsync<(Guid OrderId, string State)?>(
            "SELECT order_id, state FROM order_services WHERE service_id = @serviceId", new { serviceId }, ct);
        if (row is not { } known || known.State == state.ToString()) return;
        await orders.DecideAsync(uow, known.OrderId, EventMetadata.System, ct, new RecordServiceState(serviceId, state, clock.GetUtcNow()));
    }
}
