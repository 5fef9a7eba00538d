using Ktp.Domain.Common;
using Ktp.Domain.Rules.Conditions;
using Ktp.Infrastructure.Projects;
using Ktp.Web.Seed;

namespace Ktp.Web.Tests.Projects;

/// <summary>The editors' models: what the builder shows and writes back, without a database.</summary>
public sealed class EditorDraftTests
{
    [Theory]
    [InlineData("""{"==":[{"var":"channel"},"phone"]}""")]
    [InlineData("""{">=":[{"var":"attributes.amount"},10000]}""")]
    [InlineData("""{"and":[{"==":[{"var":"customer.vip"},true]},{"or":[{"in":[{"var":"channel"},["phone","email"]]},{"missing":["attributes.contract"]}]}]}""")]
    [InlineData("""{"==":[{"var":"attributes.code"},"123"]}""")]
    [InlineData("""{"!=":[{"var":"customer.category"},null]}""")]
    public void The_builder_shows_a_rule_and_writes_the_same_rule_back(string rule)
    {
        var tree = ConditionDraft.FromJsonLogic(rule).ShouldNotBeNull();
        tree.IsGroup.ShouldBeTrue();
        tree.ToJsonLogic().ShouldBe(rule);
    }

    [Fact]
    public void Values_typed_as_text_become_json_of_the_right_type()
    {
        var tree = ConditionDraft.NewRule();
        tree.Items[0].Field = "attributes.city";
        tree.Items[0].Value = "Москва";
        var list = new ConditionDraft { Field = "priority", Operator = ConditionOperator.In, Value = "high, 2, true" };
        tree.Items.Add(list);

        tree.ToJsonLogic().ShouldBe("""{"and":[{"==":[{"var":"attributes.city"},"Москва"]},{"in":[{"var":"priority"},["high",2,true]]}]}""");
    }

    [Fact]
    public void Rules_the_builder_cannot_show_stay_raw_and_an_empty_field_is_an_error()
    {
        ConditionDraft.FromJsonLogic("""{"+":[1,2]}""").ShouldBeNull();
        ConditionDraft.FromJsonLogic("not json").ShouldBeNull();
        Should.Throw<ValidationFailedException>(() => ConditionDraft.NewRule().ToJsonLogic());
    }

    [Fact]
    public void The_demo_topic_tree_survives_the_editor_unchanged()
    {
        var configuration = DemoProjectTopics.Configuration;
        var draft = TopicConfigDraft.From(configuration);
        draft.Groups.Single(g => g.Name == "Оплата и счета").Attributes[0].Required.Rule.ShouldBe(DemoProjectTopics.ContractRequiredByPhone);

        var back = draft.ToDomain();

        Json(back).ShouldBe(Json(configuration));
    }

    [Fact]
    public void The_demo_route_and_sla_survive_the_editor_unchanged()
    {
        var route = DemoProjectSettings.Route;
        Json(RouteDraft.From(route).ToDomain(1)).ShouldBe(Json(route));
        var sla = DemoProjectSettings.Sla(2030, Guid.NewGuid());
        sla.Policies.ShouldContain(p => p.Escalations != null && p.Escalations.Count == 2);
        var back = SlaDraft.From(sla).ToSettings();
        Json(back.Policies).ShouldBe(Json(sla.Policies));
        back.Calendar.Holidays.ShouldBe(sla.Calendar.Holidays);
        back.Calendar.Week.Keys.Order().ShouldBe(sla.Calendar.Week.Keys.Order());
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Infrastructure.Events.EventTypeRegistry.Json);
}
