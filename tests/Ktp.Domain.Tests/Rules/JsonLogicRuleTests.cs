using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Tests.Rules;

public class JsonLogicRuleTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"==\": [1, 1]")]
    [InlineData("{'var': 'a'}")]
    [InlineData("{\"var\": \"a\",}")]
    public void Malformed_json_is_rejected(string json)
    {
        var error = Should.Throw<JsonLogicParseException>(() => JsonLogicRule.Parse(json));

        error.Message.ShouldStartWith("Rule is not valid JSON");
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var error = Should.Throw<JsonLogicParseException>(() => JsonLogicRule.Parse("""{"var": "a", "var": "b"}"""));

        error.Message.ShouldContain("duplicate key");
    }

    [Fact]
    public void Unknown_operator_is_rejected_with_its_name_and_location()
    {
        var error = Should.Throw<JsonLogicParseException>(
            () => JsonLogicRule.Parse("""{"and": [true, {"equals": [1, 1]}]}"""));

        error.Message.ShouldContain("\"equals\"");
        error.Message.ShouldContain("$.and[1]");
    }

    [Fact]
    public void Unknown_operator_inside_per_item_logic_is_rejected()
    {
        Should.Throw<JsonLogicParseException>(
            () => JsonLogicRule.Parse("""{"some": [{"var": "lines"}, {"like": [{"var": "sku"}, "A%"]}]}"""));
    }

    [Theory]
    [InlineData("""{"and": [true], "or": [false]}""")]
    [InlineData("""{"if": [{}, 1, 2]}""")]
    public void Object_without_exactly_one_operator_is_rejected(string json)
    {
        var error = Should.Throw<JsonLogicParseException>(() => JsonLogicRule.Parse(json));

        error.Message.ShouldContain("exactly one key");
    }

    [Fact]
    public void Evaluating_an_unvalidated_rule_with_unknown_operator_throws()
    {
        Should.Throw<JsonLogicParseException>(
            () => JsonLogicEvaluator.Evaluate(JsonNode.Parse("""{"nope": 1}"""), null));
    }

    [Fact]
    public void Missing_field_yields_null()
    {
        var rule = JsonLogicRule.Parse("""{"var": "customer.address.city"}""");

        rule.Evaluate(JsonNode.Parse("""{"customer": {"name": "Ann"}}""")).ShouldBeNull();
        rule.Evaluate(JsonNode.Parse("""{"customer": null}""")).ShouldBeNull();
        rule.Evaluate(null).ShouldBeNull();
    }

    [Fact]
    public void Missing_field_in_a_comparison_makes_the_rule_false_without_throwing()
    {
        var rule = JsonLogicRule.Parse("""{"and": [{">=": [{"var": "order.total"}, 100]}, {"in": [{"var": "order.country"}, ["DE", "FR"]]}]}""");

        rule.IsSatisfiedBy(JsonNode.Parse("{}")).ShouldBeFalse();
        rule.IsSatisfiedBy(JsonNode.Parse("""{"order": {"total": 150, "country": "DE"}}""")).ShouldBeTrue();
    }

    [Fact]
    public void Arithmetic_on_missing_fields_yields_null_rather_than_NaN()
    {
        var rule = JsonLogicRule.Parse("""{"*": [{"var": "price"}, {"var": "quantity"}]}""");

        var result = rule.Evaluate(JsonNode.Parse("{}"));

        result.ShouldBeNull();
    }

    [Fact]
    public void Division_by_zero_yields_null()
    {
        JsonLogicRule.Parse("""{"/": [1, 0]}""").Evaluate(null).ShouldBeNull();
    }

    [Fact]
    public void Default_applies_to_absent_fields_but_not_to_present_nulls()
    {
        var rule = JsonLogicRule.Parse("""{"var": ["discount", 0]}""");

        rule.Evaluate(JsonNode.Parse("{}")).ShouldEqualJson(0);
        rule.Evaluate(JsonNode.Parse("""{"discount": null}""")).ShouldBeNull();
    }

    [Fact]
    public void Data_built_in_code_with_integer_and_decimal_values_is_read_as_numbers()
    {
        var rule = JsonLogicRule.Parse("""{"+": [{"var": "a"}, {"var": "b"}, {"var": "c"}]}""");
        var data = new JsonObject { ["a"] = 1, ["b"] = 2.5m, ["c"] = 10L };

        rule.Evaluate(data).ShouldEqualJson(13.5);
    }

    [Fact]
    public void Result_can_be_attached_to_another_document()
    {
        var data = JsonNode.Parse("""{"tags": ["a", "b"]}""");
        var result = JsonLogicRule.Parse("""{"var": "tags"}""").Evaluate(data);

        var document = new JsonObject { ["copy"] = result };

        document.ToJsonString().ShouldBe("""{"copy":["a","b"]}""");
        data!["tags"]!.Parent.ShouldBe(data); // the data itself is untouched
    }

    [Fact]
    public void Cat_formats_numbers_like_JavaScript()
    {
        JsonLogicRule.Parse("""{"cat": [1.0, "|", 0.1, "|", 1e21, "|", 0.0000001, "|", -2.5, "|", null, "|", [1, [2, null]]]}""")
            .Evaluate(null)
            .ShouldEqualJson("1|0.1|1e+21|1e-7|-2.5||1,2,");
    }

    [Theory]
    [InlineData("""{"==": [0, ""]}""", true)]
    [InlineData("""{"==": [null, 0]}""", false)]
    [InlineData("""{"==": [true, "1"]}""", true)]
    [InlineData("""{"==": [[1], 1]}""", true)]
    [InlineData("""{"<": ["10", "9"]}""", true)]
    [InlineData("""{"<": ["10", 9]}""", false)]
    [InlineData("""{"<=": [null, 0]}""", true)]
    [InlineData("""{">": ["abc", 1]}""", false)]
    public void Comparisons_follow_JavaScript_coercion(string json, bool expected)
    {
        JsonLogicRule.Parse(json).IsSatisfiedBy(null).ShouldBe(expected);
    }

    [Fact]
    public void Variables_lists_fields_read_from_the_data()
    {
        var rule = JsonLogicRule.Parse("""
            {"and": [
                {">=": [{"var": "customer.age"}, 18]},
                {"missing": ["email", "phone"]},
                {"missing_some": [1, ["iban", "card"]]},
                {"some": [{"var": "lines"}, {">": [{"var": "qty"}, {"var": "limits.qty"}]}]},
                {"<": [{"var": ["customer.age", 0]}, 99]},
                {"var": ""}
            ]}
            """);

        rule.Variables.ShouldBe(["customer.age", "email", "phone", "iban", "card", "lines"]);
    }

    [Fact]
    public void MissingIn_names_the_variables_the_data_lacks()
    {
        var rule = JsonLogicRule.Parse("""{"and": [{">=": [{"var": "customer.age"}, 18]}, {"var": "lines.1"}, {"var": "vip"}]}""");

        rule.MissingIn(JsonNode.Parse("""{"customer": {"age": null}, "lines": [1]}""")).ShouldBe(["lines.1", "vip"]);
        rule.MissingIn(null).ShouldBe(["customer.age", "lines.1", "vip"]);
    }
}
