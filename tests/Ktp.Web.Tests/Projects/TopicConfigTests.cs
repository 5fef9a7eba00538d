using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

public sealed class TopicConfigTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(AsyncServiceScope Scope, Guid ProjectId)> NewProjectAsync()
    {
        var scope = await app.AsPmAsync();
        return (scope, await scope.Get<ProjectAdmin>().CreateAsync("Topics " + Guid.NewGuid().ToString("N")[..6]));
    }

    [Fact]
    public async Task Saved_topics_are_version_1_and_the_runtime_reads_them_with_their_rules()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var draft = ProjectsKit.SimpleTopics(ProjectsKit.StringAttribute("contract_no", "Contract", FlagMode.When, """{"==":[{"var":"channel"},"phone"]}"""));

        (await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft))).ShouldBe(1);

        await using var uow = await scope.Get<Ktp.Infrastructure.Sessions.CurrentSession>().BeginAsync();
        var config = (await scope.Get<ProjectConfigStore>().CurrentAsync(uow, projectId))!;
        var topic = config.Topics.Topics.ShouldHaveSingleItem();
        topic.Name.ShouldBe("Invoice question");
        var attribute = config.Topics.EffectiveAttributes(topic.Id).ShouldHaveSingleItem();
        attribute.Required.IsSetFor(System.Text.Json.Nodes.JsonNode.Parse("""{"channel":"phone"}""")).ShouldBeTrue();
        attribute.Required.IsSetFor(System.Text.Json.Nodes.JsonNode.Parse("""{"channel":"email"}""")).ShouldBeFalse();
        (await scope.Get<TopicConfigAdmin>().LoadAsync(projectId)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_cyclic_group_tree_is_refused_and_nothing_is_written()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var a = new TopicNodeDraft { IsGroup = true, Name = "A" };
        var b = new TopicNodeDraft { IsGroup = true, Name = "B", ParentId = a.Id };
        a.ParentId = b.Id;

        var e = await Should.ThrowAsync<ValidationFailedException>(() =>
            scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, new TopicConfigDraft { Groups = [a, b] })));

        e.Errors["groups"].ShouldContain(m => m.Contains("cycle"));
        (await scope.Get<TopicConfigAdmin>().LoadAsync(projectId)).Version.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"==":[{"var":"channel"},"phone"]""", "not valid JSON")]
    [InlineData("""{"frobnicate":[1,2]}""", "frobnicate")]
    public async Task A_malformed_rule_is_refused_with_the_jsonlogic_error(string rule, string expected)
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var draft = ProjectsKit.SimpleTopics(ProjectsKit.StringAttribute("contract_no", "Contract", FlagMode.When, rule));

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft)));

        var message = e.Errors["Topics[0].Attributes[0].Required"].ShouldHaveSingleItem();
        message.ShouldContain("not valid JsonLogic");
        message.ShouldContain(expected);
    }

    [Fact]
    public async Task Duplicate_attribute_codes_and_bad_codes_are_refused()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var draft = ProjectsKit.SimpleTopics(
            ProjectsKit.StringAttribute("contract_no", "Contract"), ProjectsKit.StringAttribute("contract_no", "Contract again"),
            ProjectsKit.StringAttribute("номер", "Cyrillic code"));

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft)));

        e.Errors["attributes"].ShouldContain(m => m.Contains("'contract_no' appears twice"));
        e.Errors["attributes"].ShouldContain(m => m.Contains("latin identifier"));
    }

    [Fact]
    public async Task A_save_based_on_a_stale_version_is_refused()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var admin = scope.Get<TopicConfigAdmin>();
        (await admin.SaveAsync(new SaveTopics(projectId, 0, ProjectsKit.SimpleTopics()))).ShouldBe(1);

        var e = await Should.ThrowAsync<ValidationFailedException>(() => admin.SaveAsync(new SaveTopics(projectId, 0, ProjectsKit.SimpleTopics())));

        e.Errors[ProjectSettingsRows.ConflictField].ShouldContain(ProjectSettingsRows.ConflictMessage);
        (await admin.LoadAsync(projectId)).Version.ShouldBe(1);
        (await admin.SaveAsync(new SaveTopics(projectId, 1, ProjectsKit.SimpleTopics()))).ShouldBe(2);
        (await admin.HistoryAsync(projectId)).Select(v => v.Version).ShouldBe([2, 1]);
    }

    [Fact]
    public async Task A_dictionary_attribute_needs_one_of_the_projects_dictionaries()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var draft = ProjectsKit.SimpleTopics(new AttributeDraft { Code = "method", Label = "Payment method", Type = AttributeType.Dictionary, DictionaryCode = "methods" });

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft)));
        e.Errors["attributes"].ShouldContain(m => m.Contains("dictionary 'methods'"));

        await scope.Get<ProjectSettingsAdmin>().SaveAsync(projectId, 0, new DictionariesDocument
        {
            Dictionaries = [new ProjectDictionary { Code = "methods", Name = "Methods", Items = [new DictionaryItem { Code = "card", Label = "Card" }] }],
        });
        (await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft))).ShouldBe(1);

        var removal = await Should.ThrowAsync<ValidationFailedException>(() =>
            scope.Get<ProjectSettingsAdmin>().SaveAsync(projectId, 1, new DictionariesDocument()));
        removal.Errors["Dictionaries"].ShouldContain(m => m.Contains("uses dictionary 'methods'"));
    }
}
