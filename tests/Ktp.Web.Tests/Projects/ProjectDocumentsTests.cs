using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

public sealed class ProjectDocumentsTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(AsyncServiceScope Scope, Guid ProjectId, TopicId Topic)> ProjectAsync()
    {
        var scope = await app.AsPmAsync();
        var projectId = await scope.Get<ProjectAdmin>().CreateAsync("Docs " + Guid.NewGuid().ToString("N")[..6]);
        var draft = ProjectsKit.SimpleTopics();
        await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft));
        await scope.Get<RouteAdmin>().PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute()));
        return (scope, projectId, TopicId.From(draft.Topics[0].Id));
    }

    [Fact]
    public async Task Sla_settings_are_saved_as_versions_and_read_as_policies_and_a_calendar()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        var settings = SlaSettings.Default with { Policies = [new SlaPolicyDocument(topic.ToString(), "second", 8, 2), new SlaPolicyDocument(topic.ToString(), null, 24, 4)] };
        settings = settings with { Calendar = settings.Calendar with { Holidays = [new DateOnly(2030, 1, 1)] } };

        (await scope.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0, settings))).ShouldBe(1);

        await using var uow = await scope.Get<CurrentSession>().BeginAsync();
        var config = (await scope.Get<ProjectConfigStore>().CurrentAsync(uow, projectId))!;
        config.Sla.Find(topic.ToString(), "second")!.Duration.ShouldBe(TimeSpan.FromHours(8));
        config.Sla.Find(topic.ToString(), "first")!.Duration.ShouldBe(TimeSpan.FromHours(24));
        config.Calendar.Holidays.ShouldContain(new DateOnly(2030, 1, 1));
        (await scope.Get<SlaAdmin>().LoadAsync(projectId)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_sla_settings_are_refused_field_by_field()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        var week = new Dictionary<DayOfWeek, string[]> { [DayOfWeek.Monday] = ["9 to 6"] };
        var settings = new SlaSettings(
        [
            new SlaPolicyDocument(Guid.NewGuid().ToString(), null, 8, 1),
            new SlaPolicyDocument(topic.ToString(), "nowhere", 8, 1),
            new SlaPolicyDocument(topic.ToString(), null, 2, 3),
        ], new CalendarDocument("Mars/Olympus", week, []));

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0, settings)));

        e.Errors.Keys.ShouldContain("Calendar.Week[Monday]");
        e.Errors.Keys.ShouldContain("Policies[0].TopicCode");
        e.Errors.Keys.ShouldContain("Policies[1].ProcessCode");
        e.Errors.Keys.ShouldContain("Policies[2].WarnBefore");
        var zone = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0,
            SlaSettings.Default with { Calendar = SlaSettings.Default.Calendar with { TimeZone = "Mars/Olympus" } })));
        zone.Errors.Keys.ShouldContain(k => k.StartsWith("Calendar."));
    }

    [Fact]
    public async Task Sla_escalation_levels_are_saved_loaded_and_read_as_the_policy_escalation_steps()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        var pgm = await UserIdAsync(scope, "pgm@demo.ktp");
        var settings = SlaSettings.Default with
        {
            Policies = [new SlaPolicyDocument(topic.ToString(), null, 8, 2,
                [new EscalationDocument(1, [Role.ProjectManager], []), new EscalationDocument(4, [Role.Operator], [pgm.ToString()])])],
        };

        await scope.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0, settings));

        var loaded = await scope.Get<SlaAdmin>().LoadAsync(projectId);
        var levels = loaded.Document.Policies.Single().Escalations.ShouldNotBeNull();
        levels.Select(l => (l.AfterHours, string.Join(",", l.Roles), string.Join(",", l.UserIds)))
            .ShouldBe([(1.0, Role.ProjectManager, ""), (4.0, Role.Operator, pgm.ToString())]);
        SlaDraft.From(loaded.Document).Policies.Single().Escalations.Count.ShouldBe(2);
        await using var uow = await scope.Get<CurrentSession>().BeginAsync();
        var policy = (await scope.Get<ProjectConfigStore>().CurrentAsync(uow, projectId))!.Sla.Find(topic.ToString(), "first")!;
        policy.Escalations.Select(e => e.AfterDue).ShouldBe([TimeSpan.FromHours(1), TimeSpan.FromHours(4)]);
        policy.Escalations[1].Notify.ShouldBe([EscalationTarget.Role(Role.Operator), EscalationTarget.User(pgm.ToString())]);
    }

    [Fact]
    public async Task Sla_policies_stored_before_escalations_existed_still_load()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        await using (var uow = await scope.Get<CurrentSession>().BeginAsync())
        {
            await uow.ExecuteAsync("""
                INSERT INTO project_settings (project_id, kind, version, document, saved_by)
                VALUES (@projectId, 'sla', 1, jsonb_build_object('policies', jsonb_build_array(jsonb_build_object(
                  'topicCode', @topic, 'processCode', null, 'durationHours', 8, 'warnBeforeHours', 1)), 'calendar', @calendar::jsonb), 'test')
                """, new { projectId, topic = topic.ToString(), calendar = System.Text.Json.JsonSerializer.Serialize(CalendarDocument.Default, EventTypeRegistry.Json) });
            await uow.CommitAsync();
        }

        (await scope.Get<SlaAdmin>().LoadAsync(projectId)).Document.Policies.Single().Escalations.ShouldBeNull();
        await using var read = await scope.Get<CurrentSession>().BeginAsync();
        (await scope.Get<ProjectConfigStore>().CurrentAsync(read, projectId))!.Sla.Find(topic.ToString(), "first")!.Escalations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_escalation_levels_are_refused_field_by_field()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        var settings = SlaSettings.Default with
        {
            Policies = [new SlaPolicyDocument(topic.ToString(), null, 8, 2,
            [
                new EscalationDocument(2, [Role.ProjectManager], []),
                new EscalationDocument(2, [Role.Operator], []),
                new EscalationDocument(3, [], []),
                new EscalationDocument(4, ["boss"], [Guid.NewGuid().ToString()]),
            ])],
        };

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0, settings)));

        e.Errors.Keys.Order().ShouldBe(["Policies[0].Escalations[1].AfterDue", "Policies[0].Escalations[2].Notify", "Policies[0].Escalations[3].Notify"]);
        e.Errors["Policies[0].Escalations[1].AfterDue"].ShouldBe(["Each escalation level must come later than the one before."]);
        e.Errors["Policies[0].Escalations[2].Notify"].ShouldBe(["Say whom to notify."]);
        e.Errors["Policies[0].Escalations[3].Notify"].Length.ShouldBe(2);
        e.Errors["Policies[0].Escalations[3].Notify"][0].ShouldBe("SLA line 1, escalation level 4: there is no role 'boss'.");
        (await scope.Get<SlaAdmin>().LoadAsync(projectId)).Version.ShouldBe(0);
    }

    private static async Task<Guid> UserIdAsync(AsyncServiceScope scope, string email)
    {
        await using var uow = await scope.Get<CurrentSession>().BeginAsync();
        return await uow.QuerySingleAsync<Guid>("SELECT user_id FROM users WHERE email = @email", new { email });
    }

    [Fact]
    public async Task Simple_documents_round_trip_and_templates_must_refer_to_what_exists()
    {
        var (scope, projectId, topic) = await ProjectAsync();
        await using var _ = scope;
        var admin = scope.Get<ProjectSettingsAdmin>();
        await admin.SaveAsync(projectId, 0, new CategoriesDocument { Categories = [new CodeName { Code = "b2b", Name = "Business" }] });
        await admin.SaveAsync(projectId, 0, new PrioritiesDocument { Priorities = [new PriorityLevel { Code = "high", Name = "High", IsDefault = true }] });
        await admin.SaveAsync(projectId, 0, new ContactPlacesDocument
        {
            Places = [new ContactPlace { Code = "cc", Name = "Call center", Directions = ["in", "out"], Channels = ["phone", "email"] }],
        });
        await admin.SaveAsync(projectId, 0, new VipDocument { Customers = [new VipCustomer { Identifier = "  C-1 ", Note = "Big" }] });
        var good = new OperatorTemplate
        {
            Name = "Operators", Subject = TemplateSubject.Role, SubjectId = "operator", ContactPlaces = ["cc"], DefaultContactPlace = "cc",
            Channels = ["phone"], DefaultChannel = "phone", Topics = [topic.ToString()], DefaultTopic = topic.ToString(), DefaultCustomerCategory = "b2b",
        };
        (await admin.SaveAsync(projectId, 0, new TemplatesDocument { Templates = [good] })).ShouldBe(1);

        var bad = good with { Name = "Bad", Subject = TemplateSubject.User, SubjectId = Guid.NewGuid().ToString(), DefaultChannel = "email", ContactPlaces = ["nowhere"] };
        var e = await Should.ThrowAsync<ValidationFailedException>(() => admin.SaveAsync(projectId, 1, new TemplatesDocument { Templates = [good, bad] }));
        e.Errors["Templates[1].SubjectId"].ShouldHaveSingleItem();
        e.Errors["Templates[1].Channels"].ShouldContain(m => m.Contains("must be one of the allowed"));
        e.Errors["Templates[1].ContactPlaces"].ShouldContain(m => m.Contains("'nowhere'"));
        var dup = await Should.ThrowAsync<ValidationFailedException>(() => admin.SaveAsync(projectId, 0, new CategoriesDocument
        {
            Categories = [new CodeName { Code = "b2b", Name = "One" }, new CodeName { Code = "b2b", Name = "Two" }],
        }));
        dup.Errors.Keys.ShouldContain("Categories[1].Code");

        await using var uow = await scope.Get<CurrentSession>().BeginAsync();
        var store = scope.Get<ProjectConfigStore>();
        (await store.CategoriesAsync(uow, projectId)).Categories.ShouldHaveSingleItem().Code.ShouldBe("b2b");
        (await store.PrioritiesAsync(uow, projectId)).Default!.Code.ShouldBe("high");
        (await store.ContactPlacesAsync(uow, projectId)).Places.ShouldHaveSingleItem().Channels.ShouldBe(["phone", "email"]);
        (await store.VipAsync(uow, projectId)).IsVip("c-1").ShouldBeTrue();
        (await store.TemplatesAsync(uow, projectId)).For(Guid.NewGuid(), ["operator"])!.DefaultTopic.ShouldBe(topic.ToString());
        (await store.DictionariesAsync(uow, projectId)).Dictionaries.ShouldBeEmpty();
    }
}
