using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Orders;

/// <summary>What executors and dispatchers do with tasks, incidents and orders. Each call is one transaction.</summary>
public sealed class OrderWork(CurrentSession session, OrderStream orders, ServiceStream services, TaskStream tasks, IPeopleDirectory people, TimeProvider clock)
{
    private TaskActor Me => new(session.UserId ?? Guid.Empty, session.UserName ?? "system", session.Has(Privilege.OrdersManage));

    /// <summary>The executor finishes a user task; <paramref name="output"/> becomes process variables.</summary>
    public async Task CompleteTaskAsync(string taskId, IReadOnlyDictionary<string, JsonElement>? output = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        var serviceId = await ServiceOfTaskAsync(uow, taskId, ct);
        var now = clock.GetUtcNow();
        // Read once: the task's decision appends to the task's stream, not the service's.
        var service = await services.LoadServiceAsync(uow, serviceId, ct);
        await tasks.DecideAsync(uow, service, taskId, session.Metadata(), ct, open => new CompleteTask(taskId, open, Me, now));
        await services.RunAsync(uow, service, session.Metadata(), ct, (_, _) => new CompleteUserTask(taskId, output ?? ProcessVariables.None, now));
        await uow.CommitAsync(ct);
    }

    /// <summary>The executor takes a task nobody has.</summary>
    public Task TakeTaskAsync(string taskId, CancellationToken ct = default) =>
        OnTaskAsync(Privilege.OrdersWork, taskId, (open, now) => new AssignTask(taskId, open, Me.UserId, Me.Name, Me, now), ct);

    /// <summary>The dispatcher gives a task to a person who carries out tasks (or takes it from one and gives it to another).</summary>
    public async Task AssignTaskAsync(string taskId, Guid userId, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        string name;
        await using (var read = await session.BeginAsync(ct))
            name = (await people.WithPrivilegeAsync(read, Privilege.OrdersWork, ct)).FirstOrDefault(p => p.UserId == userId)?.Name
                ?? throw new Domain.Common.ValidationFailedException("userId", "Choose a person who carries out tasks.");
        await OnTaskAsync(Privilege.OrdersManage, taskId, (open, now) => new AssignTask(taskId, open, userId, name, Me, now), ct);
    }

    /// <summary>The people a dispatcher can give tasks to.</summary>
    public async Task<IReadOnlyList<Person>> ExecutorsAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var read = await session.BeginAsync(ct);
        return await people.WithPrivilegeAsync(read, Privilege.OrdersWork, ct);
    }

    /// <summary>The executor gives the task back undone, saying why.</summary>
    public Task ReturnTaskAsync(string taskId, string comment, CancellationToken ct = default) =>
        OnTaskAsync(Privilege.OrdersWork, taskId, (open, now) => new ReturnTask(taskId, open, comment, Me, now), ct);

    public Task RetryIncidentAsync(string incidentId, CancellationToken ct = default) =>
        OnIncidentAsync(incidentId, now => new RetryIncident(incidentId, Me.Name, now), ct);

    public Task SkipIncidentAsync(string incidentId, IReadOnlyDictionary<string, JsonElement>? output = null, CancellationToken ct = default) =>
        OnIncidentAsync(incidentId, now => new SkipIncident(incidentId, Me.Name, now) { Output = output ?? ProcessVariables.None }, ct);

    /// <summary>Cancels the order: every running service's process is cancelled with the reason.</summary>
    public async Task CancelOrderAsync(Guid orderId, string reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var (state, _) = await orders.LoadAsync(uow, orderId, ct: ct);
        if (!state.Placed) throw new ProcessItemNotFoundException($"There is no order {orderId}.");
        await orders.DecideAsync(uow, orderId, session.Metadata(), ct, new CancelOrder(reason, Me.Name, clock.GetUtcNow()));
        await uow.CommitAsync(ct);
    }

    /// <summary>Changes an open order: the service is no longer wanted, and its process is cancelled with the reason.</summary>
    public async Task WithdrawServiceAsync(Guid orderId, Guid serviceId, string reason, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var (state, _) = await orders.LoadAsync(uow, orderId, ct: ct);
        if (!state.Placed) throw new ProcessItemNotFoundException($"There is no order {orderId}.");
        await orders.DecideAsync(uow, orderId, session.Metadata(), ct, new WithdrawService(serviceId, reason, Me.Name, clock.GetUtcNow()));
        await uow.CommitAsync(ct);
    }

    /// <summary>
    /// Another system reports the result of a service call it acknowledged earlier (an answer 202 to the call).
    /// </summary>
    public async Task ReportServiceResultAsync(string taskId, int attempt, bool succeeded, IReadOnlyDictionary<string, JsonElement>? output, string? error,
        CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var serviceId = await ServiceOfTaskAsync(uow, taskId, ct);
        await services.RunAsync(uow, serviceId, session.Metadata(), ct, (_, _) => succeeded
            ? new ReportServiceSuccess(taskId, attempt, output ?? ProcessVariables.None, clock.GetUtcNow())
            : new ReportServiceFailure(taskId, attempt, string.IsNullOrWhiteSpace(error) ? "The system reported a failure." : error, clock.GetUtcNow()));
        await uow.CommitAsync(ct);
    }

    /// <summary>An external system reports message <paramref name="name"/> for the order; every service waiting for it receives it.</summary>
    /// <returns>How many services received it.</returns>
    public async Task<int> DeliverMessageAsync(Guid orderId, string name, string? correlationKey, IReadOnlyDictionary<string, JsonElement>? variables,
        CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var (order, _) = await orders.LoadAsync(uow, orderId, ct: ct);
        if (!order.Placed) throw new ProcessItemNotFoundException($"There is no order {orderId}.");
        var delivered = 0;
        foreach (var serviceId in order.Services.Where(s => !s.Value.IsFinal()).Select(s => s.Key))
        {
            var (state, _) = await services.LoadAsync(uow, serviceId, ct: ct);
            if (!state.Process.MessageWaits.Any(w => w.MessageName == name && (w.CorrelationKey is null || w.CorrelationKey == correlationKey))) continue;
            await services.RunAsync(uow, serviceId, session.Metadata(), ct, (_, _) =>
                new ReceiveMessage(name, correlationKey, variables ?? ProcessVariables.None, clock.GetUtcNow()));
            delivered++;
        }
        if (delivered == 0) throw new ProcessItemNotFoundException($"No service of the order waits for \"{name}\"{(correlationKey is null ? "" : $" with key {correlationKey}")}.");
        await uow.CommitAsync(ct);
        return delivered;
    }

    private async Task OnTaskAsync(string privilege, string taskId, Func<OpenUserTask?, DateTimeOffset, TaskCommand> command, CancellationToken ct)
    {
        session.Demand(privilege);
        await using var uow = await session.BeginAsync(ct);
        var serviceId = await ServiceOfTaskAsync(uow, taskId, ct);
        var now = clock.GetUtcNow();
        await tasks.DecideAsync(uow, await services.LoadServiceAsync(uow, serviceId, ct), taskId, session.Metadata(), ct, open => command(open, now));
        await uow.CommitAsync(ct);
    }

    private async Task OnIncidentAsync(string incidentId, Func<DateTimeOffset, ProcessCommand> command, CancellationToken ct)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var serviceId = await uow.QuerySingleOrDefaultAsync<Guid?>("SELECT service_id FROM process_incidents WHERE incident_id = @incidentId", new { incidentId }, ct)
            ?? throw new ProcessItemNotFoundException($"There is no incident {incidentId}.");
        var now = clock.GetUtcNow();
        await services.RunAsync(uow, serviceId, session.Metadata(), ct, (_, _) => command(now));
        await uow.CommitAsync(ct);
    }

    private static async Task<Guid> ServiceOfTaskAsync(UnitOfWork uow, string taskId, CancellationToken ct) =>
        await uow.QuerySingleOrDefaultAsync<Guid?>("SELECT service_id FROM process_tasks WHERE task_id = @taskId", new { taskId }, ct)
        ?? throw new ProcessItemNotFoundException($"There is no task {taskId}.");
}
