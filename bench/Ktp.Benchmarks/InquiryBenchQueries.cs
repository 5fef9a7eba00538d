using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;

namespace Ktp.Benchmarks;

/// <summary>Parameters of the many-field filter: one value per field, as a filter form would send them.</summary>
public sealed record FilterParameters(Guid ProjectId, string Status, Guid TopicId, DateTimeOffset From, DateTimeOffset To,
    string Priority, string Channel, string AttributeCode, string AttributeValue)
{
    public InquiryFilter ToFilter() => new()
    {
        ProjectId = ProjectId, Statuses = [Status], TopicIds = [TopicId], RegisteredFrom = From, RegisteredTo = To,
        Priority = Priority, Channel = Channel, AttributeCode = AttributeCode, AttributeValue = AttributeValue,
    };

    public override string ToString() =>
        $"status={Status}, topic={TopicId}, registered {From:yyyy-MM-dd}..{To:yyyy-MM-dd}, priority={Priority}, channel={Channel}, {AttributeCode}={AttributeValue}";
}

/// <summary>
/// The queue page's SQL for EXPLAIN (<see cref="QueueSql"/>, a copy of <see cref="InquiryQueries.QueueAsync"/>'s; the
/// measured runs call the app's method itself), and the back office filter through the app's
/// <see cref="InquirySearch"/> (the same session, unit of work and row-level security as a user's request).
/// </summary>
public static class InquiryBenchQueries
{
    private const string RowColumns = """
        i.inquiry_id AS InquiryId, i.number, i.project_id AS ProjectId, i.topic_name AS TopicName, i.kind, i.channel, i.priority, i.status,
        i.process_code AS ProcessCode, i.queue_code AS QueueCode, i.assignee_id AS AssigneeId, i.assignee_name AS AssigneeName,
        i.sla_due_at AS SlaDueAt, i.sla_breached AS SlaBreached, i.registered_at AS RegisteredAt, i.updated_at AS UpdatedAt,
        c.name AS CustomerName, i.version
        """;

    public const string QueueSql = $"""
        SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
        WHERE i.project_id = @projectId AND i.queue_code = @queueCode AND i.status = 'Waiting'
        ORDER BY i.sla_due_at NULLS LAST, i.registered_at LIMIT @limit
        """;

    /// <summary>The back office list's first page (50 rows, newest first) and its total, as the filter panel asks for it.</summary>
    public static async Task<int> FilterAsync(InquirySearch search, FilterParameters p, CancellationToken ct) =>
        (await search.SearchAsync(p.ToFilter(), ct: ct)).Rows.Count;

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) as the app role in the tenant's unit of work, with the same parameters.</summary>
    public static async Task<string> ExplainAsync(KtpDatabase db, Guid tenantId, string sql, object parameters, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        var lines = await uow.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters, ct: ct);
        return string.Join('\n', lines);
    }
}
