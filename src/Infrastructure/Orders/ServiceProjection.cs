using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Orders;

/// <summary>
/// Inline: the tasks (user tasks for people, service tasks for other systems) and incidents of a service's process,
/// as the dispatcher, "my tasks" and monitoring read them.
/// </summary>
public sealed class ServiceProjection(ProcessDefinitions definitions) : IInlineProjection
{
    public string StreamType => OrderEventNames.ServiceStream;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var serviceId = events[0].StreamId;
        ProcessDefinition? definition = null;
        async Task<string?> NameOf(string nodeId)
        {
            if (definition is null)
            {
                var (key, version) = await uow.QuerySingleAsync<(string, int)>(
                    "SELECT definition_key, definition_version FROM order_services WHERE service_id = @serviceId", new { serviceId }, ct);
                definition = await definitions.GetAsync(uow, key, version, ct);
            }
            return definition.Node(nodeId).Name;
        }

        foreach (var stored in events)
        {
            var by = stored.Metadata.UserName;
            switch (stored.Data)
            {
                case InstanceStarted e:
                    await uow.ExecuteAsync("UPDATE order_services SET definition_key = @DefinitionKey, definition_version = @DefinitionVersion WHERE service_id = @serviceId",
                        new { e.DefinitionKey, e.DefinitionVersion, serviceId }, ct);
                    break;
                case UserTaskCreated e:
                    await uow.ExecuteAsync("""
                        INSERT INTO process_tasks (task_id, service_id, order_id, node_id, kind, name, candidate_role, queue, form, due_at, status, created_at)
                        SELECT @TaskId, service_id, order_id, @NodeId, 'user', @Name, @CandidateRole, @Queue, @Form, @DueAt, 'open', @At
                        FROM order_services WHERE service_id = @serviceId
                        """, new { e.TaskId, e.NodeId, e.Name, e.CandidateRole, e.Queue, e.Form, e.DueAt, e.At, serviceId }, ct);
                    break;
                case TaskAssigned or TaskReturned: // recorded here before tasks had streams of their own
                    await ApplyAssignmentAsync(uow, stored.Data, ct);
                    break;
                case UserTaskCompleted e:
                    await Finish(e.TaskId, "done", e.At, by);
                    break;
                case ServiceCallRequested e:
                    await uow.ExecuteAsync("""
                        INSERT INTO process_tasks (task_id, service_id, order_id, node_id, kind, name, status, attempts, created_at)
                        SELECT @TaskId, service_id, order_id, @NodeId, 'service', @name, 'open', @Attempt, @At FROM order_services WHERE service_id = @serviceId
                        ON CONFLICT (tenant_id, task_id) DO UPDATE SET status = 'open', attempts = excluded.attempts
                        """, new { e.TaskId, e.NodeId, name = await NameOf(e.NodeId), e.Attempt, e.At, serviceId }, ct);
                    break;
                case ServiceCallFailed e:
                    await uow.ExecuteAsync("UPDATE process_tasks SET last_error = @Error, attempts = @Attempt WHERE task_id = @TaskId", e, ct);
                    break;
                case ServiceCallSucceeded e:
                    await Finish(e.TaskId, "done", e.At, by);
                    break;
                case IncidentRaised e:
                    await uow.ExecuteAsync("""
                        INSERT INTO process_incidents (incident_id, service_id, order_id, node_id, task_id, reason, raised_at)
                        SELECT @IncidentId, service_id, order_id, @NodeId, @TokenId, @Reason, @At FROM order_services WHERE service_id = @serviceId;
                        UPDATE process_tasks SET status = 'incident' WHERE task_id = @TokenId;
                        """, new { e.IncidentId, e.NodeId, e.TokenId, e.Reason, e.At, serviceId }, ct);
                    break;
                case IncidentRetried e:
                    await Resolve(e.IncidentId, e.At, e.By, "retried", "open");
                    break;
                case IncidentSkipped e:
                    await Resolve(e.IncidentId, e.At, e.By, "skipped", "done");
                    break;
                case TokenCancelled e:
                    await uow.ExecuteAsync("""
                        UPDATE process_tasks SET status = 'withdrawn', completed_at = @At WHERE task_id = @TokenId AND status IN ('open', 'incident');
                        UPDATE process_incidents SET resolved_at = @At, resolution = 'withdrawn' WHERE task_id = @TokenId AND resolved_at IS NULL;
                        """, new { e.TokenId, e.At }, ct);
                    break;
            }
        }
        await uow.ExecuteAsync("SELECT pg_notify(@channel, ktp_current_tenant()::text)", new { channel = OrderProjection.Channel }, ct);

        Task Finish(string taskId, string status, DateTimeOffset at, string? completedBy) =>
            uow.ExecuteAsync("UPDATE process_tasks SET status = @status, completed_at = @at, completed_by = @completedBy WHERE task_id = @taskId",
                new { taskId, status, at, completedBy }, ct);

        Task Resolve(string incidentId, DateTimeOffset at, string resolvedBy, string resolution, string taskStatus) =>
            uow.ExecuteAsync("""
                UPDATE process_incidents SET resolved_at = @at, resolved_by = @resolvedBy, resolution = @resolution WHERE incident_id = @incidentId;
                UPDATE process_tasks SET status = @taskStatus, completed_at = CASE WHEN @taskStatus = 'done' THEN @at END, completed_by = CASE WHEN @taskStatus = 'done' THEN @resolvedBy END
                 WHERE task_id = (SELECT task_id FROM process_incidents WHERE incident_id = @incidentId);
                """, new { incidentId, at, resolvedBy, resolution, taskStatus }, ct);
    }

    /// <summary>Who has a user task now.</summary>
    public static Task ApplyAssignmentAsync(UnitOfWork uow, object @event, CancellationToken ct) => @event switch
    {
        TaskAssigned e => uow.ExecuteAsync("UPDATE process_tasks SET assignee_id = @UserId, assignee_name = @UserName WHERE task_id = @TaskId", e, ct),
        TaskReturned e => uow.ExecuteAsync("UPDATE process_tasks SET assignee_id = NULL, assignee_name = NULL, last_error = @Comment WHERE task_id = @TaskId", e, ct),
        _ => Task.CompletedTask,
    };
}
