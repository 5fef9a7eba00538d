using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

public sealed record CustomerNote(string Text, string By, DateTimeOffset At);

public sealed class CustomerDetails
{
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Contract { get; set; }
    public string? Category { get; set; }

    /// <summary>The category's name in the projects the customer came to (the code when none names it).</summary>
    public string? CategoryName { get; set; }

    public bool Vip { get; set; }
    public DateTime CreatedAt { get; set; }
    public string NotesJson { get; set; } = "[]";
    public long Inquiries { get; set; }
    public long OpenInquiries { get; set; }

    /// <summary>A repeat inquiry in the last 7 days: the customer came again on a topic they came on shortly before.</summary>
    public bool RecentRepeat { get; set; }

    public IReadOnlyList<CustomerNote> Notes => JsonSerializer.Deserialize<List<CustomerNote>>(NotesJson, Json) ?? [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public sealed class ContactRow
{
    public Guid ContactId { get; set; }
    public Guid? ProjectId { get; set; }
    public string ProjectName { get; set; } = "";
    public string Direction { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? ContactPlace { get; set; }
    public string OperatorName { get; set; } = "";
    public DateTime RegisteredAt { get; set; }
    public long Inquiries { get; set; }
}

/// <summary>The customer card: who the customer is, notes about them, their contacts and inquiries, repeat inquiries.</summary>
public sealed class CustomerCard(CurrentSession session, IProjectConfiguration projects, TimeProvider clock)
{
    public const int MaxNote = 4000;

    public async Task<CustomerDetails?> DetailsAsync(Guid customerId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var details = await uow.QuerySingleOrDefaultAsync<CustomerDetails>($"""
            SELECT c.customer_id AS CustomerId, c.name, c.phone, c.email, c.contract, c.category, c.vip, c.created_at AS CreatedAt,
                   c.notes::text AS NotesJson,
                   (SELECT count(*) FROM inquiries i WHERE i.customer_id = c.customer_id) AS Inquiries,
                   (SELECT count(*) FROM inquiries i WHERE i.customer_id = c.customer_id AND i.status NOT IN {InquiryStatusSql.Finished}) AS OpenInquiries,
                   EXISTS (SELECT 1 FROM inquiry_repeats r WHERE r.customer_id = c.customer_id AND r.registered_at >= @since) AS RecentRepeat
            FROM customers c WHERE c.customer_id = @customerId
            """, new { customerId, since = clock.GetUtcNow().AddDays(-RepeatInquiryProjection.WindowDays) }, ct: ct);
        if (details?.Category is { } category)
        {
            var projectIds = await uow.QueryAsync<Guid>(
                "SELECT DISTINCT project_id FROM contacts WHERE customer_id = @customerId AND project_id IS NOT NULL LIMIT 20", new { customerId }, ct);
            foreach (var projectId in projectIds)
            {
                var name = (await projects.CategoriesAsync(uow, projectId)).Categories.FirstOrDefault(c => c.Code == category)?.Name;
                if (name is null) continue;
                details.CategoryName = name;
                break;
            }
            details.CategoryName ??= category;
        }
        return details;
    }

    /// <summary>The customer's inquiries, newest first, each flagged when it repeats an earlier one.</summary>
    public async Task<IReadOnlyList<BackOfficeRow>> InquiriesAsync(Guid customerId, int limit = 200, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<BackOfficeRow>($"""
            SELECT {InquirySearch.Columns}
            FROM inquiries i
            WHERE i.customer_id = @customerId ORDER BY i.registered_at DESC LIMIT @limit
            """, new { customerId, limit = Math.Clamp(limit, 1, 1000) }, ct)).ToList();
    }

    public async Task<IReadOnlyList<ContactRow>> ContactsAsync(Guid customerId, int limit = 200, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var contacts = (await uow.QueryAsync<ContactRow>("""
            SELECT k.contact_id AS ContactId, k.project_id AS ProjectId, k.direction, k.channel, k.contact_place AS ContactPlace,
                   k.operator_name AS OperatorName, k.registered_at AS RegisteredAt,
                   (SELECT count(*) FROM inquiries i WHERE i.contact_id = k.contact_id) AS Inquiries
            FROM contacts k
            WHERE k.customer_id = @customerId ORDER BY k.registered_at DESC LIMIT @limit
            """, new { customerId, limit = Math.Clamp(limit, 1, 1000) }, ct)).ToList();
        var names = (await projects.ListAsync(uow, ct)).ToDictionary(p => p.ProjectId, p => p.Name);
        foreach (var contact in contacts) contact.ProjectName = contact.ProjectId is { } id ? names.GetValueOrDefault(id, "") : "";
        return contacts;
    }

    /// <summary>Appends a note (text, who, when) to the customer's notes.</summary>
    public async Task AddNoteAsync(Guid customerId, string text, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        text = text?.Trim() ?? "";
        new Validation().Require(text.Length is >= 1 and <= MaxNote, "text", $"A note has 1 to {MaxNote} characters.").ThrowIfInvalid();
        var note = JsonSerializer.Serialize(new CustomerNote(text, session.UserName ?? "unknown", clock.GetUtcNow()), CustomerDetails.Json);
        await using var uow = await session.BeginAsync(ct);
        var updated = await uow.ExecuteAsync("UPDATE customers SET notes = notes || jsonb_build_array(@note::jsonb) WHERE customer_id = @customerId", new { customerId, note }, ct: ct);
        if (updated == 0) throw new ValidationFailedException("customerId", "No such customer.");
        await uow.CommitAsync(ct);
    }
}
