using System.Text.Json.Nodes;
using Ktp.Domain.Common;
using Ktp.Domain.Rules.Conditions;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Tests.Rules;

public class ConditionBuilderTests
{
    private static readonly JsonNode Data = JsonNode.Parse("""
        { "topic": "billing.refund", "channel": "email", "priority": "high",
          "attributes": { "amount": 1200, "tags": ["urgent", "repeat"], "contract": "" },
          "customer": { "vip": true } }
        """)!;

    private static bool Holds(ConditionNode tree) => JsonLogicRule.Parse(tree.ToJsonLogic().ToJsonString()).IsSatisfiedBy(Data);

    [Fact]
    public void A_tree_becomes_jsonlogic()
    {
        var tree = new ConditionGroup(GroupMode.All,
        [
            new FieldCondition("customer.vip", ConditionOperator.Equal, true),
            new ConditionGroup(GroupMode.Any,
            [
                new FieldCondition("attributes.amount", ConditionOperator.GreaterOrEqual, 1000),
                new FieldCondition("channel", ConditionOperator.In, new JsonArray("phone", "chat")),
            ]),
            new FieldCondition("attributes.contract", ConditionOperator.IsNotEmpty),
        ]);

        tree.ToJson().ShouldBe(
            """{"and":[{"==":[{"var":"customer.vip"},true]},{"or":[{">=":[{"var":"attributes.amount"},1000]},{"in":[{"var":"channel"},["phone","chat"]]}]},{"!":{"missing":["attributes.contract"]}}]}""");
    }

    [Theory]
    [InlineData(ConditionOperator.Equal, "high", true)]
    [InlineData(ConditionOperator.NotEqual, "high", false)]
    [InlineData(ConditionOperator.Less, "z", true)]
    [InlineData(ConditionOperator.GreaterOrEqual, "high", true)]
    public void Comparisons_evaluate_as_they_read(ConditionOperator op, string value, bool expected)
    {
        Holds(new FieldCondition("priority", op, value)).ShouldBe(expected);
    }

    [Fact]
    public void In_contains_and_emptiness_evaluate_as_they_read()
    {
        Holds(new FieldCondition("channel", ConditionOperator.In, new JsonArray("email", "sms"))).ShouldBeTrue();
        Holds(new FieldCondition("topic", ConditionOperator.Contains, "billing")).ShouldBeTrue();
        Holds(new FieldCondition("attributes.tags", ConditionOperator.Contains, "repeat")).ShouldBeTrue();
        Holds(new FieldCondition("attributes.tags", ConditionOperator.Contains, "vip")).ShouldBeFalse();
        Holds(new FieldCondition("attributes.contract", ConditionOperator.IsEmpty)).ShouldBeTrue();
        Holds(new FieldCondition("attributes.absent", ConditionOperator.IsEmpty)).ShouldBeTrue();
        Holds(new FieldCondition("attributes.amount", ConditionOperator.IsNotEmpty)).ShouldBeTrue();
    }

    [Fact]
    public void Empty_groups_mean_always_and_never()
    {
        new ConditionGroup(GroupMode.All, []).ToJson().ShouldBe("true");
        new ConditionGroup(GroupMode.Any, []).ToJson().ShouldBe("false");
    }

    [Theory]
    [InlineData("""{"==":[{"var":"kind"},"complaint"]}""")]
    [InlineData("""{"!=":[{"var":"customer.category"},null]}""")]
    [InlineData("""{"<":[{"var":"time.hour"},9]}""")]
    [InlineData("""{"<=":[{"var":"priority"},2.5]}""")]
    [InlineData("""{">":[{"var":"attributes.amount"},10000]}""")]
    [InlineData("""{">=":[{"var":"time.weekday"},6]}""")]
    [InlineData("""{"in":[{"var":"channel"},["phone","chat",3,true]]}""")]
    [InlineData("""{"in":["billing",{"var":"topic"}]}""")]
    [InlineData("""{"missing":["attributes.contract"]}""")]
    [InlineData("""{"!":{"missing":["attributes.contract"]}}""")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("""{"and":[{"==":[{"var":"customer.vip"},true]},{"or":[{"in":[{"var":"channel"},["phone"]]},{"and":[{">":[{"var":"attributes.amount"},1000]}]}]}]}""")]
    public void Rules_the_builder_can_express_round_trip(string json)
    {
        var rule = JsonLogicRule.Parse(json);

        ConditionBuilder.TryFromJsonLogic(rule, out var tree).ShouldBeTrue();

        tree.ToJson().ShouldBe(json);
    }

    [Fact]
    public void Reading_a_rule_gives_the_tree_the_builder_shows()
    {
        ConditionBuilder.TryFromJsonLogic("""{"or":[{"in":["billing",{"var":"topic"}]},{"missing":["customer.category"]}]}""", out var tree).ShouldBeTrue();

        var group = tree.ShouldBeOfType<ConditionGroup>();
        group.Mode.ShouldBe(GroupMode.Any);
        group.Items[0].ShouldBeOfType<FieldCondition>().ShouldSatisfyAllConditions(
            c => c.Field.ShouldBe("topic"),
            c => c.Operator.ShouldBe(ConditionOperator.Contains),
            c => c.Value!.GetValue<string>().ShouldBe("billing"));
        group.Items[1].ShouldBe(new FieldCondition("customer.category", ConditionOperator.IsEmpty));
    }

    [Theory]
    [InlineData("""{"var":"customer.vip"}""")]
    [InlineData("""{"==":["complaint",{"var":"kind"}]}""")]
    [InlineData("""{"==":[{"var":"a"},{"var":"b"}]}""")]
    [InlineData("""{"==":[{"var":["a","fallback"]},1]}""")]
    [InlineData("""{">":[{"+":[{"var":"a"},1]},10]}""")]
    [InlineData("""{"<":[1,{"var":"a"},10]}""")]
    [InlineData("""{"if":[{"var":"a"},true,false]}""")]
    [InlineData("""{"and":[]}""")]
    [InlineData("""{"and":{"==":[{"var":"a"},1]}}""")]
    [InlineData("""{"!":[{"missing":["a"]}]}""")]
    [InlineData("""{"missing":["a","b"]}""")]
    [InlineData("""{"in":[{"var":"a"},[[1]]]}""")]
    [InlineData("""{"some":[{"var":"lines"},{"==":[{"var":"sku"},"A"]}]}""")]
    [InlineData("""{"and":[{"==":[{"var":"a"},1]},{"cat":["x"]}]}""")]
    [InlineData("42")]
    public void Rules_the_builder_cannot_express_open_in_the_raw_view(string json)
    {
        ConditionBuilder.TryFromJsonLogic(JsonLogicRule.Parse(json), out var tree).ShouldBeFalse();
        tree.ShouldBeNull();
    }

    [Fact]
    public void Text_that_is_not_json_is_not_a_tree()
    {
        ConditionBuilder.TryFromJsonLogic("""{"==": [""", out _).ShouldBeFalse();
    }

    [Fact]
    public void An_incomplete_condition_is_reported_at_its_place_in_the_tree()
    {
        var tree = new ConditionGroup(GroupMode.All,
        [
            new FieldCondition("kind", ConditionOperator.Equal, "complaint"),
            new ConditionGroup(GroupMode.Any, [new FieldCondition("channel", ConditionOperator.In, "phone")]),
        ]);

        var error = Should.Throw<ValidationFailedException>(() => tree.ToJsonLogic());

        error.Errors.Keys.ShouldBe(["Items[1].Items[0].Value"]);
        Should.Throw<ValidationFailedException>(() => new FieldCondition(" ", ConditionOperator.IsEmpty).ToJsonLogic()).Errors.Keys.ShouldBe(["Field"]);
        Should.Throw<ValidationFailedException>(() => new FieldCondition("a", ConditionOperator.Contains).ToJsonLogic()).Errors.Keys.ShouldBe(["Value"]);
    }
}
