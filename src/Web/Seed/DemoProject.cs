using System.Text.Json;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Web.Seed;

/// <summary>
/// The demo tenant's project "Горячая линия Ромашка": topics, route, SLA, lists and members. Every document is
/// checked as the configuration pages check it, and written only when the project has no version of it yet.
/// </summary>
public static class DemoProject
{
    public static readonly Guid ProjectId = Guid.Parse("d3e00000-0000-4000-8000-000000000001");
    public const string Name = "Горячая линия Ромашка";
    private const string SavedBy = "Демо-данные";

    /// <param name="members">Emails of the demo users who work the project.</param>
    public static async Task SeedAsync(UnitOfWork uow, IReadOnlyCollection<string> members, DateTimeOffset now)
    {
        await uow.ExecuteAsync("INSERT INTO projects (project_id, name, route_id) VALUES (@ProjectId, @Name, 'standard') ON CONFLICT DO NOTHING",
            new { ProjectId, Name });
        await uow.ExecuteAsync("""
            INSERT INTO project_members (project_id, user_id) SELECT @ProjectId, user_id FROM users WHERE email = ANY(@members)
            ON CONFLICT DO NOTHING
            """, new { ProjectId, members = members.ToArray() });

        var topics = DemoProjectTopics.Configuration;
        _ = new TopicCatalog(topics);
        var dictionaries = DemoProjectSettings.Dictionaries;
        Check(v => ProjectDocumentChecks.Dictionaries(dictionaries, topics, v));
        TopicConfigAdmin.CheckDictionaries(topics, dictionaries);
        var route = DemoProjectSettings.Route;
        RouteValidator.Validate(route);
        var users = (await uow.QueryAsync<Guid>("SELECT user_id FROM users")).ToHashSet();
        var groupManager = await uow.QuerySingleOrDefaultAsync<Guid?>("SELECT user_id FROM users WHERE email = 'pgm@demo.ktp'");
        var sla = DemoProjectSettings.Sla(now.Year, groupManager);
        SlaAdmin.Check(sla, topics.Topics.Select(t => t.Id.ToString()).ToHashSet(), route.Processes.Select(p => p.Code).ToHashSet(), users);
        var outbound = await uow.QuerySingleOrDefaultAsync<Guid?>("SELECT user_id FROM users WHERE email = 'operator2@demo.ktp'");
        var templates = DemoProjectSettings.Templates(outbound);
        Check(v => ProjectDocumentChecks.Templates(templates, new DocumentReferences(topics,
            DemoProjectSettings.ContactPlaces.Places.Select(p => p.Code).ToHashSet(), DemoProjectSettings.Categories.Categories.Select(c => c.Code).ToHashSet(), users), v));

        await EnsureAsync(uow, DocumentKinds.Dictionaries, dictionaries);
        await EnsureAsync(uow, DocumentKinds.Topics, topics);
        await EnsureAsync(uow, DocumentKinds.Sla, sla);
        await EnsureAsync(uow, DocumentKinds.Categories, DemoProjectSettings.Categories);
        await EnsureAsync(uow, DocumentKinds.Priorities, DemoProjectSettings.Priorities);
        await EnsureAsync(uow, DocumentKinds.ContactPlaces, DemoProjectSettings.ContactPlaces);
        await EnsureAsync(uow, DocumentKinds.Templates, templates);
        await EnsureAsync(uow, DocumentKinds.Vip, DemoProjectSettings.Vip);
        await uow.ExecuteAsync("""
            INSERT INTO project_routes (project_id, route_id, version, definition, published_by)
            VALUES (@ProjectId, @RouteId, 1, @definition::jsonb, @SavedBy) ON CONFLICT DO NOTHING
            """, new { ProjectId, route.RouteId, SavedBy, definition = JsonSerializer.Serialize(route, EventTypeRegistry.Json) });
    }

    private static async Task EnsureAsync<T>(UnitOfWork uow, string kind, T document)
    {
        if (await uow.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM project_settings WHERE project_id = @ProjectId AND kind = @kind)", new { ProjectId, kind }))
            return;
        await ProjectSettingsRows.AppendAsync(uow, ProjectId, kind, document, 0, SavedBy);
    }

    private static void Check(Action<Validation> check)
    {
        var errors = new Validation();
        check(errors);
        errors.ThrowIfInvalid();
    }
}
