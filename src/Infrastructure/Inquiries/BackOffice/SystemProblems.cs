using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

public sealed class ProblemRow
{
    public Guid ProblemId { get; set; }
    public Guid ProjectId { get; set; }
    public string ProjectName { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? Resolution { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public long Linked { get; set; }
    public long OpenLinked { get; set; }

    public bool IsOpen => Status == "open";
}

public sealed record NewProblem(Guid ProjectId, string Title, string? Description);

/// <summary>
/// System problems (mass incidents): a manager records one, links the inquiries it causes, and resolves
/// it once for all of them: every linked inquiry still open is closed with the problem's resolution, or
/// gets a comment that the problem is resolved. Viewing needs <c>inquiries.work</c>; the rest <c>inquiries.manage</c>.
/// </summary>
public sealed class SystemProblems(CurrentSession session, InquiryItemRunner runner, IProjectConfiguration projects, TimeProvider clock)
{
    public const string DefaultNotice = "System problem \"{0}\" is resolved: {1}";

    private const string Select = $"""
        SELECT p.problem_id AS ProblemId, p.project_id AS ProjectId, p.title, p.description, p.status,
               p.created_by AS CreatedBy, p.created_at AS CreatedAt, p.resolution, p.resolved_at AS ResolvedAt,
               (SELECT count(*) FROM system_problem_links l WHERE l.problem_id = p.problem_id) AS Linked,
               (SELECT count(*) FROM system_problem_links l JOIN inquiries i USING (tenant_id, inquiry_id)
                 WHERE l.problem_id = p.problem_id AND i.status NOT IN {InquiryStatusSql.Finished}) AS OpenLinked
        FROM system_problems p
        """;

    public async Task<Guid> CreateAsync(NewProblem problem, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        var title = problem.Title?.Trim() ?? "";
        var description = problem.Description?.Trim() ?? "";
        new Validation()
            .Require(title.Length is >= 1 and <= 300, "title", "The title is required (at most 300 characters).")
            .Require(description.Length <= 4000, "description", "The description must be at most 4000 characters.")
            .ThrowIfInvalid();
        await using var uow = await session.BeginAsync(ct);
        if ((await projects.ListAsync(uow, ct)).All(p => p.ProjectId != problem.ProjectId))
            throw new ValidationFailedException("projectId", "No such project.");
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync("""
            INSERT INTO system_problems (problem_id, project_id, title, description, created_by, created_at)
            VALUES (@id, @ProjectId, @title, @description, @by, @now)
            """, new { id, problem.ProjectId, title, description, by = session.UserName ?? "unknown", now = clock.GetUtcNow() }, ct: ct);
        await uow.CommitAsync(ct);
        return id;
    }

    /// <summary>Problems, open first, with how many inquiries are linked and how many of those are still open.</summary>
    public async Task<IReadOnlyList<ProblemRow>> ListAsync(Guid? projectId = null, bool includeResolved = true, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var rows = (await uow.QueryAsync<ProblemRow>($"""
            {Select}
            WHERE (@projectId::uuid IS NULL OR p.project_id = @projectId) AND (@includeResolved OR p.status = 'open')
            ORDER BY p.status, p.created_at DESC LIMIT 500
            """, new { projectId, includeResolved }, ct)).ToList();
        return await WithProjectNamesAsync(uow, rows, ct);
    }

    public async Task<ProblemRow?> FindAsync(Guid problemId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var row = await uow.QuerySingleOrDefaultAsync<ProblemRow>($"{Select} WHERE p.problem_id = @problemId", new { problemId }, ct);
        return row is null ? null : (await WithProjectNamesAsync(uow, [row], ct))[0];
    }

    private async Task<List<ProblemRow>> WithProjectNamesAsync(UnitOfWork uow, List<ProblemRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var names = (await projects.ListAsync(uow, ct)).ToDictionary(p => p.ProjectId, p => p.Name);
        foreach (var row in rows) row.ProjectName = names.GetValueOrDefault(row.ProjectId, "");
        return rows;
    }

    /// <summary>Links each inquiry (of the problem's project) to the open problem.</summary>
    public async Task<BatchResult> LinkAsync(Guid problemId, IReadOnlyCollection<Guid> inquiryIds, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        var problem = await FindAsync(problemId, ct) ?? throw new ValidationFailedException("problemId", "No such problem.");
        if (!problem.IsOpen) throw new ValidationFailedException("problemId", "The problem is already resolved.");
        return await runner.RunAsync(inquiryIds, c =>
        {
            if (c.State.ProjectId.Value != problem.ProjectId)
                throw new InquiryException("The inquiry belongs to another project than the problem.");
            return [new LinkToProblem(problemId, c.Me, c.Now)];
        }, ct);
    }

    /// <summary>
    /// Marks the problem resolved, then acts on each linked inquiry still open: closes it with the
    /// resolution (<paramref name="closeLinked"/>; a waiting one is taken first) or comments that the
    /// problem is resolved (<paramref name="noticeFormat"/>: the page's translation, {0} title, {1} resolution).
    /// One inquiry refusing does not stop the others.
    /// </summary>
    public async Task<BatchResult> ResolveAsync(Guid problemId, string resolution, bool closeLinked,
        string noticeFormat = DefaultNotice, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesManage);
        resolution = resolution?.Trim() ?? "";
        new Validation().Require(resolution.Length is >= 1 and <= 4000, "resolution", "Enter the resolution.").ThrowIfInvalid();

        string title;
        List<Guid> open;
        await using (var uow = await session.BeginAsync(ct))
        {
            // Only one of two managers resolving at once gets the row.
            var resolved = await uow.QuerySingleOrDefaultAsync<string>("""
                UPDATE system_problems SET status = 'resolved', resolution = @resolution, resolved_at = @now
                WHERE problem_id = @problemId AND status = 'open' RETURNING title
                """, new { problemId, resolution, now = clock.GetUtcNow() }, ct: ct);
            if (resolved is null)
            {
                var exists = await uow.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM system_problems WHERE problem_id = @problemId)", new { problemId }, ct: ct);
                throw new ValidationFailedException("problemId", exists ? "The problem is already resolved." : "No such problem.");
            }
            title = resolved;
            open = (await uow.QueryAsync<Guid>($"""
                SELECT l.inquiry_id FROM system_problem_links l JOIN inquiries i USING (tenant_id, inquiry_id)
                WHERE l.problem_id = @problemId AND i.status NOT IN {InquiryStatusSql.Finished} ORDER BY i.registered_at
                """, new { problemId }, ct: ct)).ToList();
            await uow.CommitAsync(ct);
        }
        if (open.Count == 0) return new BatchResult([]);
        var notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, noticeFormat, title, resolution);
        var results = new List<ItemResult>();
        // The runner takes at most MaxItems at a time; a big incident is worked in chunks.
        foreach (var chunk in open.Chunk(InquiryItemRunner.MaxItems))
            results.AddRange((await runner.RunAsync(chunk, c => closeLinked
                ? BackOfficeOperations.CloseCommands(c, resolution)
                : [new AddComment(notice, c.Me, c.Now)], ct)).Items);
        return new BatchResult(results);
    }
}
