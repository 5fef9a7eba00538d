using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// Inline: the <c>inquiries</c> row is the inquiry's state after the append, folded from its whole
/// stream in the same transaction; then queue watchers on every node are told (NOTIFY at commit).
/// </summary>
public sealed class InquiryProjection(EventStreamReader store, IProjectConfiguration projects) : IInlineProjection
{
    public const string Channel = "ktp_inquiries";

    public string StreamType => InquiryEventNames.StreamType;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        // A new stream's appended events are all of it; otherwise the history is read back.
        var all = events[0].Version == 1 ? events : await store.ReadStreamAsync(uow, events[0].StreamId, ct: ct);
        var state = Inquiry.From(all.Select(e => e.Data));
        // The topic's name is looked up once, at registration; later appends keep the row's name.
        var topicName = events.Any(e => e.Data is InquiryRegistered) ? await projects.TopicNameAsync(uow, state.ProjectId.Value, state.TopicId) : "";
        await uow.ExecuteAsync("""
            INSERT INTO inquiries (inquiry_id, number, project_id, contact_id, customer_id, parent_id, topic_id, topic_name, kind, channel, priority, status,
              process_code, queue_code, assignee_id, assignee_name, responsible_id, sla_due_at, sla_breached, sla_escalation_level, attributes, route_id,
              route_version, problem_id, registered_at, updated_at, closed_at, version)
            VALUES (@Id, @Number, @Project, @Contact, @Customer, @Parent, @Topic, @topicName, @Kind, @Channel, @Priority, @Status,
              @ProcessCode, @QueueCode, @AssigneeId, @AssigneeName, @ResponsibleId, @SlaDueAt, @Breached, @SlaEscalationLevel, @Attributes::jsonb, @RouteId,
              @RouteVersion, @Problem, @RegisteredAt, @UpdatedAt, @ClosedAt, @Version)
            ON CONFLICT (tenant_id, inquiry_id) DO UPDATE SET
              customer_id = excluded.customer_id, status = excluded.status, process_code = excluded.process_code,
              queue_code = excluded.queue_code, assignee_id = excluded.assignee_id, assignee_name = excluded.assignee_name,
              responsible_id = excluded.responsible_id, sla_due_at = excluded.sla_due_at, sla_breached = excluded.sla_breached,
              sla_escalation_level = excluded.sla_escalation_level,
              attributes = excluded.attributes, problem_id = excluded.problem_id, updated_at = excluded.updated_at,
              closed_at = excluded.closed_at, version = excluded.version;
            SELECT pg_notify(@notifyChannel, @notifyPayload);
            """, new
        {
            Id = state.Id.Value, state.Number, Project = state.ProjectId.Value, Contact = state.ContactId.Value, Customer = state.CustomerId?.Value,
            Parent = state.ParentId?.Value, Topic = state.TopicId.Value, topicName, Kind = state.Kind.ToString(), state.Channel, state.Priority,
            Status = state.Status.ToString(), state.ProcessCode, state.QueueCode, AssigneeId = state.Assignee?.UserId, AssigneeName = state.Assignee?.Name,
            ResponsibleId = state.Responsible?.UserId, state.SlaDueAt, Breached = state.Breaches.Any(b => b.DueAt == state.SlaDueAt),
            state.SlaEscalationLevel,
            Attributes = JsonSerializer.Serialize(state.Attributes), RouteId = state.Route?.RouteId, RouteVersion = state.Route?.Version,
            Problem = state.Problems.Count > 0 ? state.Problems[^1] : (Guid?)null,
            state.RegisteredAt, state.UpdatedAt, state.ClosedAt, Version = all[^1].Version,
            // Named apart from the inquiry's own Channel: Dapper matches parameter names case-insensitively.
            notifyChannel = Channel, notifyPayload = $"{uow.TenantId}:{state.ProjectId.Value}",
        }, ct: ct);
    }
}
