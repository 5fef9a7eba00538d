using Dapper;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>A row of the back office list: an inquiry row with its responsible person, customer and links.</summary>
public sealed class BackOfficeRow : InquiryRow
{
    public Guid TopicId { get; set; }
    public Guid? ResponsibleId { get; set; }
    public string? ResponsibleName { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? ProblemId { get; set; }
    public Guid? ParentId { get; set; }
    public bool IsRepeat { get; set; }
}

/// <summary>Sort by one of the list's columns (unknown columns sort by registration, newest first).</summary>
public sealed record InquirySort(string Column, bool Descending)
{
    public static readonly InquirySort Default = new(nameof(BackOfficeRow.RegisteredAt), true);

    // The only text that reaches ORDER BY: column names map to fixed expressions; the tie-breaker keeps pages stable.
    private static readonly Dictionary<string, string> Expressions = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(BackOfficeRow.Number)] = "i.number",
        [nameof(BackOfficeRow.RegisteredAt)] = "i.registered_at",
        [nameof(BackOfficeRow.UpdatedAt)] = "i.updated_at",
        [nameof(BackOfficeRow.SlaDueAt)] = "i.sla_due_at",
        [nameof(BackOfficeRow.Status)] = "i.status",
        [nameof(BackOfficeRow.TopicName)] = "i.topic_name",
        [nameof(BackOfficeRow.QueueCode)] = "i.queue_code",
        [nameof(BackOfficeRow.AssigneeName)] = "i.assignee_name",
        [nameof(BackOfficeRow.Priority)] = "i.priority",
        [nameof(BackOfficeRow.Channel)] = "i.channel",
    };

    // Columns that may be empty; the others are NOT NULL, and plain ASC/DESC lets their indexes give the order.
    private static readonly HashSet<string> Nullable = ["i.sla_due_at", "i.queue_code", "i.assignee_name"];

    public string ToSql()
    {
        var expression = Expressions.GetValueOrDefault(Column, "i.registered_at");
        var direction = !Descending ? "ASC" : Nullable.Contains(expression) ? "DESC NULLS LAST" : "DESC";
        return $"{expression} {direction}, i.inquiry_id {(Descending ? "DESC" : "ASC")}";
    }
}

/// <summary>A page of the list and how many rows match in all (counted up to <see cref="InquirySearch.CountCap"/>).</summary>
public sealed record InquiryPage(IReadOnlyList<BackOfficeRow> Rows, long Total, bool TotalIsCapped);


/// <summary>
/// The back office list: the filter becomes one parameterized query over the <c>inquiries</c> read model
/// (user text only ever travels as parameters), paged by offset with a capped total. Workers see the
/// projects they are members of; managers and project configurators see all.
/// </summary>
public sealed class InquirySearch(CurrentSession session, IPeopleDirectory people)
{
    public const int MaxPageSize = 500;
    public const int CountCap = 10_000;

    // Names come from scalar subqueries (one primary-key probe per row of the page), not joins: the planner
    // would otherwise read all of a tenant's customers, as row-level security makes tenant_id a constant.

    /// <summary>True for row <c>i</c> when it repeats an inquiry (see <see cref="RepeatInquiryProjection"/>).</summary>
    internal const string RepeatSql = "EXISTS (SELECT 1 FROM inquiry_repeats r WHERE r.inquiry_id = i.inquiry_id)";

    internal const string Columns = $"""
        i.inquiry_id AS InquiryId, i.number, i.project_id AS ProjectId, i.topic_id AS TopicId, i.topic_name AS TopicName, i.kind,
        i.channel, i.priority, i.status, i.process_code AS ProcessCode, i.queue_code AS QueueCode, i.assignee_id AS AssigneeId,
        i.assignee_name AS AssigneeName, i.responsible_id AS ResponsibleId,
        {IdentitySql.DisplayName}(i.responsible_id) AS ResponsibleName,
        i.sla_due_at AS SlaDueAt, i.sla_breached AS SlaBreached, i.sla_escalation_level AS SlaEscalationLevel, i.registered_at AS RegisteredAt, i.updated_at AS UpdatedAt,
        i.closed_at AS ClosedAt, i.customer_id AS CustomerId,
        (SELECT k.name FROM customers k WHERE k.customer_id = i.customer_id) AS CustomerName, i.problem_id AS ProblemId,
        i.parent_id AS ParentId, {RepeatSql} AS IsRepeat, i.version
        """;

    public async Task<InquiryPage> SearchAsync(InquiryFilter filter, InquirySort? sort = null, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        new Validation()
            .Require(skip >= 0, nameof(skip), "The page must not be negative.")
            .Require(take is >= 1 and <= MaxPageSize, nameof(take), $"A page holds 1 to {MaxPageSize} rows.")
            .ThrowIfInvalid();
        var (where, args) = Where(filter.Normalized(), RestrictedTo());
        args.Add("countCap", CountCap + 1);
        await using var uow = await session.BeginAsync(ct);
        await uow.PlanForTheseValuesAsync(ct);
        var rows = (await uow.QueryAsync<BackOfficeRow>(PageSql(where, sort, skip, take, args), args, ct)).ToList();
        var total = rows.Count < take && (skip == 0 || rows.Count > 0)
            ? skip + rows.Count
            : await uow.ExecuteScalarAsync<long>($"SELECT count(*) FROM (SELECT 1 FROM inquiries i WHERE {where} LIMIT @countCap) x", args, ct);
        return new InquiryPage(rows, Math.Min(total, CountCap), total > CountCap);
    }

    /// <summary>The page query <see cref="SearchAsync"/> runs for a filter, with its parameters (for EXPLAIN in the benchmark).</summary>
    public (string Sql, DynamicParameters Args) PageQuery(InquiryFilter filter, InquirySort? sort = null, int skip = 0, int take = 50)
    {
        var (where, args) = Where(filter.Normalized(), RestrictedTo());
        return (PageSql(where, sort, skip, take, args), args);
    }

    private static string PageSql(string where, InquirySort? sort, int skip, int take, DynamicParameters args)
    {
        args.Add("take", take);
        args.Add("skip", skip);
        return $"""
            SELECT {Columns}
            FROM inquiries i
            WHERE {where}
            ORDER BY {(sort ?? InquirySort.Default).ToSql()} LIMIT @take OFFSET @skip
            """;
    }

    /// <summary>The ids of the matching inquiries (up to <paramref name="limit"/>), for a group operation on "all found".</summary>
    public async Task<IReadOnlyList<Guid>> IdsAsync(InquiryFilter filter, int limit = MaxPageSize, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        var (where, args) = Where(filter.Normalized(), RestrictedTo());
        args.Add("limit", Math.Clamp(limit, 1, MaxPageSize));
        await using var uow = await session.BeginAsync(ct);
        await uow.PlanForTheseValuesAsync(ct);
        return (await uow.QueryAsync<Guid>($"SELECT i.inquiry_id FROM inquiries i WHERE {where} ORDER BY i.registered_at DESC LIMIT @limit", args, ct)).ToList();
    }

    /// <summary>Active users of the workspace, for assignee and responsible choices.</summary>
    public async Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return await people.ListActiveAsync(uow, 2000, ct);
    }

    /// <summary>The user whose member projects bound the search; null for managers and configurators (all projects).</summary>
    private Guid? RestrictedTo() =>
        session.Has(Privilege.InquiriesManage) || session.Has(Privilege.ProjectsConfigure) ? null : session.UserId ?? Guid.Empty;

    /// <summary>The WHERE clause of a filter over <c>inquiries i</c> and its parameters; fixed SQL fragments only.</summary>
    internal static (string Sql, DynamicParameters Args) Where(InquiryFilter f, Guid? memberOf)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            clauses.Add(clause);
            args.Add(name, value);
        }

        if (memberOf is { } me) Add($"i.project_id IN (SELECT {ProjectSql.ProjectsOfMember}(@me))", "me", me);
        if (f.ProjectId is { } project) Add("i.project_id = @projectId", "projectId", project);
        if (f.Statuses.Count > 0) Add("i.status = ANY(@statuses)", "statuses", f.Statuses.ToArray());
        if (f.TopicIds.Count > 0) Add("i.topic_id = ANY(@topicIds)", "topicIds", f.TopicIds.ToArray());
        if (f.ProcessCode is { } process) Add("i.process_code = @processCode", "processCode", process);
        if (f.QueueCode is { } queue) Add("i.queue_code = @queueCode", "queueCode", queue);
        if (f.AssigneeId is { } assignee) Add("i.assignee_id = @assigneeId", "assigneeId", assignee);
        if (f.ResponsibleId is { } responsible) Add("i.responsible_id = @responsibleId", "responsibleId", responsible);
        if (f.Channel is { } channel) Add("i.channel = @channel", "channel", channel);
        if (f.Priority is { } priority) Add("i.priority = @priority", "priority", priority);
        if (f.Kind is { } kind) Add("i.kind = @kind", "kind", kind);
        if (f.RegisteredFrom is { } from) Add("i.registered_at >= @registeredFrom", "registeredFrom", from);
        if (f.RegisteredTo is { } to) Add("i.registered_at < @registeredTo", "registeredTo", to);
        if (f.SlaBreachedOnly) clauses.Add("i.sla_breached");
        if (f.RepeatOnly) clauses.Add("i.inquiry_id IN (SELECT r.inquiry_id FROM inquiry_repeats r)");
        if (f.ProblemId is { } problem)
            Add("i.inquiry_id IN (SELECT l.inquiry_id FROM system_problem_links l WHERE l.problem_id = @problemId)", "problemId", problem);
        if (f.ParentId is { } parent) Add("i.parent_id = @parentId", "parentId", parent);
        if (f.Numbers is not null) Add("i.number = ANY(@numbers)", "numbers", f.ParsedNumbers());
        if (f.AttributeCode is { } code)
        {
            args.Add("attributeCode", code);
            if (string.IsNullOrEmpty(f.AttributeValue))
            {
                clauses.Add("coalesce(i.attributes ->> @attributeCode, '') = ''");
            }
            else
            {
                // An equality lookup in the attribute index, then the full value on the row when it is longer than indexed.
                clauses.Add("i.inquiry_id IN (SELECT a.inquiry_id FROM inquiry_attribute_values a WHERE a.code = @attributeCode AND a.value = @attributeIndexed)");
                args.Add("attributeIndexed", AttributeIndexProjection.Indexed(f.AttributeValue));
                if (f.AttributeValue.Length > AttributeIndexProjection.MaxIndexed) Add("i.attributes ->> @attributeCode = @attributeValue", "attributeValue", f.AttributeValue);
            }
        }
        if (f.CustomerText is { } text)
        {
            clauses.Add("""
                i.customer_id IN (SELECT k.customer_id FROM customers k
                  WHERE k.phone = @customerText OR k.phone = @customerPhone::text OR k.contract = @customerText OR k.email = @customerText
                     OR lower(k.name) LIKE lower(@customerLike))
                """);
            args.Add("customerText", text);
            args.Add("customerPhone", CustomerPhones.ToE164(text)); // phones are stored in E.164
            args.Add("customerLike", "%" + EscapeLike(text) + "%");
        }
        return (clauses.Count == 0 ? "true" : string.Join("\n  AND ", clauses), args);
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
