using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

public class InquiryRow
{
    public Guid InquiryId { get; set; }
    public long Number { get; set; }
    public Guid ProjectId { get; set; }
    public string TopicName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Status { get; set; } = "";
    public string? ProcessCode { get; set; }
    public string? QueueCode { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTime? SlaDueAt { get; set; }
    public bool SlaBreached { get; set; }

    /// <summary>The escalation level reached on the current deadline; 0 when none.</summary>
    public int SlaEscalationLevel { get; set; }

    public DateTime RegisteredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? CustomerName { get; set; }
    public long Version { get; set; }
}

public sealed record QueueCount(string QueueCode, long Waiting, long Breached);

public sealed class CustomerRow
{
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Contract { get; set; }
    public string? Category { get; set; }
    public bool Vip { get; set; }
    public long Inquiries { get; set; }
    public long RecentInquiries { get; set; }
}

/// <summary>The read side the operator workplace and inquiry pages use.</summary>
public sealed class InquiryQueries(CurrentSession session, InquiryStream inquiries, IProjectConfiguration projects)
{
    /// <summary>The columns of <see cref="InquiryRow"/> over <c>inquiries i LEFT JOIN customers c</c>.</summary>
    internal const string RowColumns = """
        i.inquiry_id AS InquiryId, i.number, i.project_id AS ProjectId, i.topic_name AS TopicName, i.kind, i.channel, i.priority, i.status,
        i.process_code AS ProcessCode, i.queue_code AS QueueCode, i.assignee_id AS AssigneeId, i.assignee_name AS AssigneeName,
        i.sla_due_at AS SlaDueAt, i.sla_breached AS SlaBreached, i.sla_escalation_level AS SlaEscalationLevel,
        i.registered_at AS RegisteredAt, i.updated_at AS UpdatedAt, c.name AS CustomerName, i.version
        """;

    /// <summary>Projects the user works in (members), or all for those who configure projects.</summary>
    public async Task<IReadOnlyList<ProjectRef>> MyProjectsAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var all = await projects.ListAsync(uow, ct);
        if (session.Has(Privilege.ProjectsConfigure) || session.Has(Privilege.InquiriesManage)) return all;
        var mine = (await projects.ProjectsOfAsync(uow, session.UserId ?? Guid.Empty)).ToHashSet();
        return all.Where(p => mine.Contains(p.ProjectId)).ToList();
    }

    /// <summary>The project's current topics, route and SLA, for forms and queue names.</summary>
    public async Task<ProjectConfig?> ConfigAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await projects.CurrentAsync(uow, projectId);
    }

    /// <summary>The signed-in operator's template in the project (own, else of one of the roles), or null.</summary>
    public async Task<OperatorTemplate?> MyTemplateAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var roles = session.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value);
        return (await projects.TemplatesAsync(uow, projectId)).For(session.UserId ?? Guid.Empty, roles);
    }

    /// <summary>The project's dictionaries, for dictionary attributes on forms.</summary>
    public async Task<DictionariesDocument> DictionariesAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await projects.DictionariesAsync(uow, projectId);
    }

    public async Task<IReadOnlyList<QueueCount>> QueuesAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<QueueCount>($"""
            SELECT queue_code AS QueueCode, count(*) AS Waiting, count(*) FILTER (WHERE sla_breached) AS Breached
            FROM inquiries WHERE project_id = @projectId AND status = {InquiryStatusSql.Waiting} GROUP BY queue_code ORDER BY queue_code
            """, new { projectId }, ct: ct)).ToList();
    }

    public async Task<IReadOnlyList<InquiryRow>> QueueAsync(Guid projectId, string queueCode, int limit = 100, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>($"""
            SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
            WHERE i.project_id = @projectId AND i.queue_code = @queueCode AND i.status = {InquiryStatusSql.Waiting}
            ORDER BY i.sla_due_at NULLS LAST, i.registered_at LIMIT @limit
            """, new { projectId, queueCode, limit }, ct: ct)).ToList();
    }

    public async Task<IReadOnlyList<InquiryRow>> MyWorkAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>($"""
            SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
            WHERE i.assignee_id = @me AND i.status = {InquiryStatusSql.InWork} ORDER BY i.sla_due_at NULLS LAST, i.updated_at
            """, new { me = session.UserId }, ct: ct)).ToList();
    }

    public async Task<InquiryRow?> RowAsync(Guid inquiryId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<InquiryRow>($"""
            SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id) WHERE i.inquiry_id = @inquiryId
            """, new { inquiryId }, ct: ct);
    }

    /// <summary>The inquiry as it was at <paramref name="asOf"/> (null: now) and its full history with who, what and when.</summary>
    public async Task<(Inquiry State, IReadOnlyList<HistoryEntry> History)> HistoryAsync(Guid inquiryId, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var (_, events) = await inquiries.LoadAsync(uow, inquiryId, ct: ct);
        var data = events.Select(e => e.Data).ToList();
        var state = asOf is { } moment ? Inquiry.AsOf(data, moment) : Inquiry.From(data);
        return (state, InquiryHistory.Of(data));
    }

    /// <summary>
    /// Customers matching <paramref name="text"/>: a phone in any written form (compared in E.164), a contract,
    /// or a name containing every word typed (a surname alone finds the person). Rows of one person (same name,
    /// phone and contract, registered more than once) come as one, with the inquiries of all of them.
    /// </summary>
    public async Task<IReadOnlyList<CustomerRow>> FindCustomersAsync(string text, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        text = text.Trim();
        if (text.Length < 2) return [];
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5)
            .Select(w => "%" + w.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%").ToArray();
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<CustomerRow>($"""
            WITH found AS (
              SELECT c.* FROM customers c
              WHERE c.phone = @phone::text OR c.phone = @text OR c.contract = @text
                 OR (SELECT bool_and(lower(c.name) LIKE lower(w)) FROM unnest(@words::text[]) w)
            ), people AS (
              {PersonGroups("found")}
            )
            {PersonColumns} FROM people p ORDER BY p.name, p.phone NULLS LAST LIMIT 20
            """, new { text, phone = CustomerPhones.ToE164(text), words }, ct: ct)).ToList();
    }

    /// <summary>The customer of the inquiry (all rows of that person together), or null when it has none.</summary>
    public async Task<CustomerRow?> CustomerOfInquiryAsync(Guid inquiryId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await uow.QuerySingleOrDefaultAsync<CustomerRow>($"""
            WITH found AS (
              SELECT k.* FROM inquiries i JOIN customers c USING (tenant_id, customer_id)
              JOIN customers k ON lower(k.name) = lower(c.name) AND k.phone IS NOT DISTINCT FROM c.phone AND k.contract IS NOT DISTINCT FROM c.contract
              WHERE i.inquiry_id = @inquiryId
            ), people AS (
              {PersonGroups("found")}
            )
            {PersonColumns} FROM people p LIMIT 1
            """, new { inquiryId }, ct: ct);
    }

    /// <summary>The customer's other inquiries (of every row of the same person), newest first.</summary>
    public async Task<IReadOnlyList<InquiryRow>> EarlierInquiriesAsync(Guid inquiryId, int limit = 10, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>($"""
            SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
            WHERE i.inquiry_id <> @inquiryId AND i.customer_id IN (
              SELECT k.customer_id FROM inquiries x JOIN customers o USING (tenant_id, customer_id)
              JOIN customers k ON lower(k.name) = lower(o.name) AND k.phone IS NOT DISTINCT FROM o.phone AND k.contract IS NOT DISTINCT FROM o.contract
              WHERE x.inquiry_id = @inquiryId)
            ORDER BY i.registered_at DESC LIMIT @limit
            """, new { inquiryId, limit }, ct: ct)).ToList();
    }

    // One row per person over the customer rows in {source}: the first registered row stands for all of them.
    private static string PersonGroups(string source) => $"""
        SELECT (array_agg(customer_id ORDER BY created_at, customer_id))[1] AS customer_id, array_agg(customer_id) AS ids,
               min(name) AS name, phone, contract, max(email) AS email, max(category) AS category, bool_or(vip) AS vip
        FROM {source} GROUP BY lower(name), phone, contract
        """;

    private const string PersonColumns = """
        SELECT p.customer_id AS CustomerId, p.name, p.phone, p.email, p.contract, p.category, p.vip,
               (SELECT count(*) FROM inquiries i WHERE i.customer_id = ANY (p.ids)) AS Inquiries,
               (SELECT count(*) FROM inquiries i WHERE i.customer_id = ANY (p.ids) AND i.registered_at > now() - interval '7 days') AS RecentInquiries
        """;

    public async Task<IReadOnlyList<InquiryRow>> CustomerInquiriesAsync(Guid customerId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<InquiryRow>($"""
            SELECT {RowColumns} FROM inquiries i LEFT JOIN customers c USING (tenant_id, customer_id)
            WHERE i.customer_id = @customerId ORDER BY i.registered_at DESC LIMIT 50
            """, new { customerId }, ct: ct)).ToList();
    }
}
