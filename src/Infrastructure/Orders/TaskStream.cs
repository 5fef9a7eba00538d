using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Orders;

/// <summary>
/// A user task's own stream: who took it, who it was given to, who gave it back and who did it. What the task is,
/// and whether it is still open, is the service's process's to say: each command is decided on both.
/// </summary>
public sealed class TaskStream(EventStore store) : AggregateStream<TaskWork, TaskCommand>(store)
{
    protected override string StreamType => OrderEventNames.TaskStream;

    protected override TaskWork Fold(IEnumerable<object> events) => TaskWork.From(events);

    protected override void Evolve(TaskWork state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(TaskWork state, TaskCommand command) => TaskDecisions.Decide(state, command);

    /// <summary>Decides the command built from the task as the service's process has it open (null: not open).</summary>
    public async Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, LoadedService service, string taskId, EventMetadata metadata, CancellationToken ct,
        Func<OpenUserTask?, TaskCommand> command)
    {
        var streamId = TaskWork.StreamId(service.Id, taskId);
        var (task, events) = await LoadAsync(uow, streamId, ct: ct);
        // A task from before task streams: who had it is in the service's stream.
        if (events.Count == 0) task = TaskWork.From([], service.State.Assignees.GetValueOrDefault(taskId));
        return await DecideOnAsync(uow, streamId, task, events.Count == 0 ? EventStore.NoStream : events[^1].Version, metadata, ct,
            _ => command(service.State.OpenTask(taskId)));
    }
}
