using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Tenancy.Tenants;
using Ktp.Web.Inquiries;

namespace Ktp.Benchmarks;

/// <summary>Parameters of the many-field filter: one value per field, as a filter form would send them.</summary>
public sealed record FilterParameters(Guid ProjectId, string Status, Guid TopicId, DateTimeOffset From, DateTimeOffset To,
    string Priority, string Channel, string AttributeCode, string AttributeValue)
{
    public override string ToString() =>
        $"status={Status}, topic={TopicId}, registered {From:yyyy-MM-dd}..{To:yyyy-MM-dd}, priority={Priority}, channel={Channel}, {AttributeCode}={AttributeValue}";
}

/// <summary>
/// The SQL measured besides the app's own: the app has no many-field inquiry search yet, so this is the query
/// such a search would run, in the style of <see cref="InquiryQueries"/> (same row columns and customer join,
/// the session's unit of work, row-level security giving the tenant). The queue page's SQL is
/// <see cref="QueueSql"/>, a copy of <see cref="InquiryQueries.QueueAsync"/>'s for EXPLAIN; the measured runs call
/// the app's method itself.
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

    public const string FilterSql = $"""
        SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
        WHERE i.project_id = @ProjectId AND i.status = @Status AND i.topic_id = @TopicId
          AND i.registered_at >= @From AND i.registered_at < @To
          AND i.priority = @Priority AND i.channel = @Channel
          AND i.attributes @> jsonb_build_object(@AttributeCode::text, @AttributeValue::text)
        ORDER BY i.registered_at DESC LIMIT 50
        """;

    public static async Task<int> FilterAsync(CurrentSession session, FilterParameters p, CancellationToken ct)
    {
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>(FilterSql, p)).Count();
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) as the app role in the tenant's unit of work, with the same parameters.</summary>
    public static async Task<string> ExplainAsync(KtpDatabase db, Guid tenantId, string sql, object parameters, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        var lines = await uow.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters);
        return string.Join('\n', lines);
    }
}
