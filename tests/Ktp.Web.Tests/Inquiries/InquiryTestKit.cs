using System.Security.Claims;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>
/// A project in the demo tenant with a complaint topic and a three-process route whose queues are chosen
/// by rules: first line (VIP customers → vip, else general), second line (amount over 1000 → billing,
/// else tech), quality control, then close. SLA: 2 hours, round the clock.
/// </summary>
public sealed class InquiryTestKit(KtpHost app)
{
    public static readonly TopicId Complaint = TopicId.From(Guid.Parse("7a000000-0000-0000-0000-000000000001"));

    public Guid ProjectId { get; } = Guid.NewGuid();
    public TenantInfo Tenant { get; private set; } = null!;
    public string RouteId { get; } = "complaints";

    public static RouteDefinition Route(int version = 1) => new(
        "complaints", "Complaints", version, "first_line",
        [
            new ProcessDefinition("first_line", "First line", [new QueueDefinition("general", "General"), new QueueDefinition("vip", "VIP")],
                [new QueueRule("""{"==":[{"var":"customer.vip"},true]}""", "vip")], "general", [], "second_line"),
            new ProcessDefinition("second_line", "Second line", [new QueueDefinition("billing", "Billing"), new QueueDefinition("tech", "Tech")],
                [new QueueRule("""{">":[{"var":"attributes.amount"},1000]}""", "billing")], "tech", [], "quality"),
            new ProcessDefinition("quality", "Quality control", [new QueueDefinition("qc", "QC")], [], "qc", [], Transition.Close),
        ]);

    public static TopicConfiguration Topics => new([],
    [
        new Topic(Complaint, null, "Жалоба на списание", TopicKind.Complaint)
        {
            Attributes =
            [
                new AttributeDefinition("amount", "Сумма", AttributeType.Decimal),
                new AttributeDefinition("contract", "Номер договора", AttributeType.String) { Required = FlagRule.Always },
            ],
        },
    ]);

    public async Task<InquiryTestKit> CreateAsync()
    {
        using var scope = app.Services.CreateScope();
        Tenant = (await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo"))!;
        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(Tenant.TenantId);
        var allDay = new Dictionary<DayOfWeek, string[]>();
        foreach (var day in Enum.GetValues<DayOfWeek>()) allDay[day] = ["00:00-24:00"];
        var sla = new SlaSettings([new SlaPolicyDocument(Complaint.ToString(), null, 2, 0.5)], new CalendarDocument("Europe/Moscow", allDay, []));
        await uow.ExecuteAsync("""
            INSERT INTO projects (project_id, name, route_id, archive_after_days) VALUES (@ProjectId, 'Complaints line', @RouteId, 1);
            INSERT INTO project_settings (project_id, kind, version, document, saved_by) VALUES (@ProjectId, 'topics', 1, @topics::jsonb, 'test');
            INSERT INTO project_settings (project_id, kind, version, document, saved_by) VALUES (@ProjectId, 'sla', 1, @sla::jsonb, 'test');
            INSERT INTO project_routes (project_id, route_id, version, definition, published_by) VALUES (@ProjectId, @RouteId, 1, @route::jsonb, 'test');
            """, new
        {
            ProjectId, RouteId,
            topics = JsonSerializer.Serialize(Topics, EventTypeRegistry.Json),
            sla = JsonSerializer.Serialize(sla, EventTypeRegistry.Json),
            route = JsonSerializer.Serialize(Route(), EventTypeRegistry.Json),
        });
        await uow.CommitAsync();
        return this;
    }

    public async Task PublishRouteAsync(RouteDefinition route)
    {
        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(Tenant.TenantId);
        await uow.ExecuteAsync("INSERT INTO project_routes (project_id, route_id, version, definition, published_by) VALUES (@ProjectId, @RouteId, @Version, @route::jsonb, 'test')",
            new { ProjectId, RouteId, route.Version, route = JsonSerializer.Serialize(route, EventTypeRegistry.Json) });
        await uow.CommitAsync();
    }

    /// <summary>Saves <paramref name="settings"/> as the project's latest SLA version.</summary>
    public Task UseSlaAsync(SlaSettings settings) => UseSettingsAsync(DocumentKinds.Sla, settings);

    /// <summary>Saves <paramref name="document"/> as the project's next version of the <paramref name="kind"/> settings.</summary>
    public async Task UseSettingsAsync<T>(string kind, T document)
    {
        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(Tenant.TenantId);
        await uow.ExecuteAsync("""
            INSERT INTO project_settings (project_id, kind, version, document, saved_by)
            SELECT @ProjectId, @kind, coalesce(max(version), 0) + 1, @document::jsonb, 'test' FROM project_settings WHERE project_id = @ProjectId AND kind = @kind
            """, new { ProjectId, kind, document = JsonSerializer.Serialize(document, EventTypeRegistry.Json) });
        await uow.CommitAsync();
    }

    /// <summary>A scope acting as a demo user with the privileges of an operator (and optionally a manager).</summary>
    public IServiceScope As(string name, bool manager = false) => AsUser(StableId(name), name, manager);

    /// <summary>A scope acting as the user <paramref name="userId"/> (a real user of the tenant when their e-mail matters).</summary>
    public IServiceScope AsUser(Guid userId, string name, bool manager = false)
    {
        var scope = app.Services.CreateScope();
        var claims = new List<Claim>
        {
            new(KtpClaims.UserId, userId.ToString()), new(KtpClaims.DisplayName, name), new(KtpClaims.Privilege, Privilege.InquiriesWork),
        };
        if (manager)
        {
            claims.Add(new Claim(KtpClaims.Privilege, Privilege.InquiriesManage));
            claims.Add(new Claim(KtpClaims.Privilege, Privilege.ProjectsMonitor));
        }
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(Tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }

    public static Guid StableId(string name) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}
