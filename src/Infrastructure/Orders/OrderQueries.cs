using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Orders;

// Rows with times are records with properties, not constructors: Dapper reads timestamptz as DateTime and converts it
// to DateTimeOffset only when assigning a property.

public sealed record OrderRow
{
    public Guid OrderId { get; init; }
    public long Number { get; init; }
    public string? ExternalId { get; init; }
    public string CustomerName { get; init; } = "";
    public string? CustomerPhone { get; init; }
    public string? CustomerEmail { get; init; }
    public string Status { get; init; } = "";
    public string? CancelReason { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

public sealed record OrderServiceRow
{
    public Guid ServiceId { get; init; }
    public Guid OrderId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string State { get; init; } = "";
    public string? DefinitionKey { get; init; }
    public int? DefinitionVersion { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

public sealed record TaskRow
{
    public string TaskId { get; init; } = "";
    public Guid ServiceId { get; init; }
    public Guid OrderId { get; init; }
    public long OrderNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string NodeId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Name { get; init; }
    public string? CandidateRole { get; init; }
    public string? Queue { get; init; }
    public string? Form { get; init; }
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }
}

public sealed record IncidentRow
{
    public string IncidentId { get; init; } = "";
    public Guid ServiceId { get; init; }
    public Guid OrderId { get; init; }
    public long OrderNumber { get; init; }
    public string ServiceName { get; init; } = "";
    public string NodeId { get; init; } = "";
    public string TaskId { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>Which tasks the task management page shows.</summary>
public enum TaskState { Open, Overdue, Stuck, Done, Withdrawn, All }

/// <summary>
/// A task management filter: the tasks in <see cref="State"/>, of one <see cref="Kind"/> ("user" or "service"; null: both),
/// nobody's or one person's, whose order number, name, service or customer matches <see cref="Search"/>.
/// </summary>
public sealed record TaskFilter
{
    public TaskState State { get; init; } = TaskState.Open;
    public string? Kind { get; init; }
    public bool UnassignedOnly { get; init; }
    public Guid? AssigneeId { get; init; }
    public string? Search { get; init; }
}

public sealed record ExecutorLoad(Guid UserId, string Name, int OpenTasks, int Overdue);

public sealed record CompletedServiceRow
{
    public long OrderNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public string? ExternalId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
}

/// <summary>The read side of orders: lists for the screens and the API, each one query on the projected tables.</summary>
public sealed class OrderQueries(CurrentSession session, ServiceStream services, ProcessDefinitions definitions, TimeProvider clock)
{
    private const string TaskColumns = """
        t.task_id AS TaskId, t.service_id AS ServiceId, t.order_id AS OrderId, o.number AS OrderNumber, o.customer_name AS CustomerName, s.name AS ServiceName,
        t.node_id AS NodeId, t.kind, t.name, t.candidate_role AS CandidateRole, t.queue, t.form, t.assignee_id AS AssigneeId, t.assignee_name AS AssigneeName,
        t.due_at AS DueAt, t.status, t.attempts, t.last_error AS LastError, t.created_at AS CreatedAt, t.completed_at AS CompletedAt, t.completed_by AS CompletedBy
        """;

    private const string TaskJoins = "JOIN orders o USING (tenant_id, order_id) JOIN order_services s USING (tenant_id, service_id)";

    public async Task<IReadOnlyList<OrderRow>> OrdersAsync(string? status, string? search, int limit = 200, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        var number = long.TryParse(search?.Trim().TrimStart('№', '#'), out var n) ? n : (long?)null;
        return [.. await uow.QueryAsync<OrderRow>("""
            SELECT order_id AS OrderId, number, external_id AS ExternalId, customer_name AS CustomerName, customer_phone AS CustomerPhone,
              customer_email AS CustomerEmail, status, cancel_reason AS CancelReason, created_by AS CreatedBy, created_at AS CreatedAt,
              updated_at AS UpdatedAt, finished_at AS FinishedAt
            FROM orders
            WHERE (@status::text IS NULL OR status = @status)
              AND (@search::text IS NULL OR number = @number OR external_id = @search OR customer_name ILIKE '%' || @search || '%')
            ORDER BY created_at DESC LIMIT @limit
            """, new { status, search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(), number, limit }, ct)];
    }

    public async Task<OrderRow?> OrderAsync(Guid orderId, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<OrderRow>("""
            SELECT order_id AS OrderId, number, external_id AS ExternalId, customer_name AS CustomerName, customer_phone AS CustomerPhone,
              customer_email AS CustomerEmail, status, cancel_reason AS CancelReason, created_by AS CreatedBy, created_at AS CreatedAt,
              updated_at AS UpdatedAt, finished_at AS FinishedAt
            FROM orders WHERE order_id = @orderId
            """, new { orderId }, ct);
    }

    public async Task<IReadOnlyList<OrderServiceRow>> ServicesAsync(Guid orderId, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<OrderServiceRow>("""
            SELECT service_id AS ServiceId, order_id AS OrderId, code, name, state, definition_key AS DefinitionKey, definition_version AS DefinitionVersion,
              started_at AS StartedAt, finished_at AS FinishedAt
            FROM order_services WHERE order_id = @orderId ORDER BY started_at, name
            """, new { orderId }, ct)];
    }

    public async Task<IReadOnlyList<TaskRow>> TasksOfOrderAsync(Guid orderId, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<TaskRow>($"SELECT {TaskColumns} FROM process_tasks t {TaskJoins} WHERE t.order_id = @orderId ORDER BY t.created_at, t.task_id", new { orderId }, ct)];
    }

    /// <summary>The executor's open tasks, then the open ones nobody has that their roles may take; due first.</summary>
    public async Task<IReadOnlyList<TaskRow>> MyTasksAsync(int limit = 100, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersWork);
        var me = session.UserId ?? Guid.Empty;
        var roles = session.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        await using var uow = await session.BeginAsync(ct);
        // The few tasks are picked from process_tasks alone (its partial indexes, in due order), and only they are joined.
        return [.. await uow.QueryAsync<TaskRow>($"""
            WITH picked AS (
              SELECT * FROM (
                (SELECT * FROM process_tasks WHERE status = 'open' AND kind = 'user' AND assignee_id = @me ORDER BY due_at NULLS LAST, created_at LIMIT @limit)
                UNION ALL
                (SELECT * FROM process_tasks WHERE status = 'open' AND kind = 'user' AND assignee_id IS NULL AND (candidate_role IS NULL OR candidate_role = ANY(@roles))
                 ORDER BY due_at NULLS LAST, created_at LIMIT @limit)) both_kinds
              ORDER BY assignee_id IS NULL, due_at NULLS LAST, created_at LIMIT @limit)
            SELECT {TaskColumns} FROM picked t {TaskJoins} ORDER BY t.assignee_id IS NULL, t.due_at NULLS LAST, t.created_at
            """, new { me, roles, limit }, ct)];
    }

    /// <summary>Open user tasks for the dispatcher (optionally one person's, or nobody's), due first.</summary>
    public async Task<IReadOnlyList<TaskRow>> OpenTasksAsync(bool unassignedOnly = false, int limit = 300, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<TaskRow>($"""
            WITH picked AS (SELECT * FROM process_tasks WHERE status = 'open' AND kind = 'user' AND (NOT @unassignedOnly OR assignee_id IS NULL)
              ORDER BY due_at NULLS LAST, created_at LIMIT @limit)
            SELECT {TaskColumns} FROM picked t {TaskJoins} ORDER BY t.due_at NULLS LAST, t.created_at
            """, new { unassignedOnly, limit }, ct)];
    }

    /// <summary>Monitoring: overdue user tasks and service tasks that are stuck (in an incident or retrying).</summary>
    public async Task<IReadOnlyList<TaskRow>> ProblemTasksAsync(int limit = 300, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<TaskRow>($"""
            SELECT {TaskColumns} FROM process_tasks t {TaskJoins}
            WHERE (t.status = 'open' AND t.due_at < @now) OR t.status = 'incident' OR (t.kind = 'service' AND t.status = 'open' AND t.attempts > 1)
            ORDER BY t.status = 'incident' DESC, t.due_at NULLS LAST LIMIT @limit
            """, new { now = clock.GetUtcNow(), limit }, ct)];
    }

    /// <summary>
    /// Task management: the tasks that match <paramref name="filter"/>; open ones due first, finished ones latest first.
    /// </summary>
    public async Task<IReadOnlyList<TaskRow>> TasksAsync(TaskFilter filter, int limit = 300, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        var number = long.TryParse(search?.TrimStart('№', '#'), out var n) ? n : (long?)null;
        var state = filter.State.ToString();
        var finished = filter.State is TaskState.Done or TaskState.Withdrawn;
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<TaskRow>($"""
            SELECT {TaskColumns} FROM process_tasks t {TaskJoins}
            WHERE CASE @state
                    WHEN 'Open' THEN t.status IN ('open', 'incident')
                    WHEN 'Overdue' THEN t.status = 'open' AND t.due_at < @now
                    WHEN 'Stuck' THEN t.status = 'incident' OR (t.kind = 'service' AND t.status = 'open' AND t.attempts > 1)
                    WHEN 'Done' THEN t.status = 'done'
                    WHEN 'Withdrawn' THEN t.status = 'withdrawn'
                    ELSE true END
              AND (@kind::text IS NULL OR t.kind = @kind)
              AND (NOT @unassigned OR (t.kind = 'user' AND t.assignee_id IS NULL))
              AND (@assignee::uuid IS NULL OR t.assignee_id = @assignee)
              AND (@search::text IS NULL OR o.number = @number OR t.name ILIKE '%' || @search || '%' OR s.name ILIKE '%' || @search || '%'
                   OR o.customer_name ILIKE '%' || @search || '%')
            ORDER BY CASE WHEN @finished THEN t.completed_at END DESC NULLS LAST, t.due_at NULLS LAST, t.created_at
            LIMIT @limit
            """, new
        {
            state, now = clock.GetUtcNow(), kind = filter.Kind, unassigned = filter.UnassignedOnly, assignee = filter.AssigneeId, search, number,
            finished, limit,
        }, ct)];
    }

    public async Task<IReadOnlyList<IncidentRow>> OpenIncidentsAsync(Guid? orderId = null, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<IncidentRow>("""
            SELECT i.incident_id AS IncidentId, i.service_id AS ServiceId, i.order_id AS OrderId, o.number AS OrderNumber, s.name AS ServiceName, i.node_id AS NodeId,
              i.task_id AS TaskId, i.reason, i.raised_at AS RaisedAt
            FROM process_incidents i JOIN orders o USING (tenant_id, order_id) JOIN order_services s USING (tenant_id, service_id)
            WHERE i.resolved_at IS NULL AND (@orderId::uuid IS NULL OR i.order_id = @orderId) ORDER BY i.raised_at
            """, new { orderId }, ct)];
    }

    /// <summary>How many open tasks each executor holds, and how many of them are overdue.</summary>
    public async Task<IReadOnlyList<ExecutorLoad>> LoadAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<ExecutorLoad>("""
            SELECT assignee_id AS UserId, max(assignee_name) AS Name, count(*)::int AS OpenTasks, count(*) FILTER (WHERE due_at < @now)::int AS Overdue
            FROM process_tasks WHERE status = 'open' AND kind = 'user' AND assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY 2
            """, new { now = clock.GetUtcNow() }, ct)];
    }

    /// <summary>Accounting: services completed in [from, to), for billing.</summary>
    public async Task<IReadOnlyList<CompletedServiceRow>> CompletedServicesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.BillingView);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<CompletedServiceRow>("""
            SELECT o.number AS OrderNumber, o.customer_name AS CustomerName, o.external_id AS ExternalId, s.code, s.name, s.started_at AS StartedAt, s.finished_at AS FinishedAt
            FROM order_services s JOIN orders o USING (tenant_id, order_id)
            WHERE s.state = 'Completed' AND s.finished_at >= @from AND s.finished_at < @to ORDER BY s.finished_at
            """, new { from, to }, ct)];
    }

    /// <summary>Manager statistics for [from, to): per day, orders placed and finished and their mean lead time in hours.</summary>
    public async Task<IReadOnlyList<OrderDay>> DaysAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        return [.. await uow.QueryAsync<OrderDay>("""
            SELECT d::date AS Day,
              (SELECT count(*) FROM orders WHERE created_at >= d AND created_at < d + interval '1 day')::int AS Placed,
              (SELECT count(*) FROM orders WHERE status = 'Done' AND finished_at >= d AND finished_at < d + interval '1 day')::int AS Done,
              (SELECT avg(extract(epoch FROM finished_at - created_at)) / 3600 FROM orders
                WHERE status = 'Done' AND finished_at >= d AND finished_at < d + interval '1 day')::float8 AS LeadHours
            FROM generate_series(date_trunc('day', @from), date_trunc('day', @to - interval '1 microsecond'), interval '1 day') d
            ORDER BY 1
            """, new { from, to }, ct)];
    }

    /// <summary>What is open now: orders by state, open and overdue user tasks, stuck service tasks.</summary>
    public async Task<OrdersNow> NowAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleAsync<OrdersNow>("""
            SELECT (SELECT count(*) FROM orders WHERE status = 'InProgress')::int AS InProgress,
                   (SELECT count(*) FROM orders WHERE status = 'WaitingForResources')::int AS Waiting,
                   (SELECT count(*) FROM process_tasks WHERE status = 'open' AND kind = 'user')::int AS OpenTasks,
                   (SELECT count(*) FROM process_tasks WHERE status = 'open' AND kind = 'user' AND due_at < @now)::int AS OverdueTasks,
                   (SELECT count(*) FROM process_tasks WHERE status = 'incident')::int AS StuckCalls
            """, new { now = clock.GetUtcNow() }, ct);
    }

    /// <summary>The path a service's process took and where it stands, for the diagram.</summary>
    public async Task<ServicePath?> PathAsync(Guid serviceId, CancellationToken ct = default)
    {
        Demand(Privilege.OrdersManage, Privilege.OrdersWork);
        await using var uow = await session.BeginAsync(ct);
        var (state, events) = await services.LoadAsync(uow, serviceId, ct: ct);
        if (events.Count == 0) return null;
        var p = state.Process;
        var xml = await definitions.XmlAsync(uow, p.DefinitionKey, p.DefinitionVersion, ct) ?? "";
        return new ServicePath(xml, [.. p.CompletedNodes.Distinct()], [.. p.TakenFlows.Distinct()], [.. p.Tokens.Select(t => t.NodeId).Distinct()],
            [.. p.Incidents.Select(i => i.NodeId).Distinct()], p.Status.ToString(), p.Outcome, p.MissingVariables);
    }

    private void Demand(string privilege, string orPrivilege)
    {
        if (!session.Has(orPrivilege)) session.Demand(privilege);
    }
}

public sealed record OrderDay
{
    public DateOnly Day { get; init; }
    public int Placed { get; init; }
    public int Done { get; init; }
    public double? LeadHours { get; init; }
}

public sealed record OrdersNow(int InProgress, int Waiting, int OpenTasks, int OverdueTasks, int StuckCalls);

public sealed record ServicePath(string Xml, IReadOnlyList<string> CompletedNodes, IReadOnlyList<string> TakenFlows, IReadOnlyList<string> ActiveNodes,
    IReadOnlyList<string> IncidentNodes, string Status, string? Outcome, IReadOnlyList<Domain.Processes.MissingVariablesRead> MissingVariables);
