using System.Text.Json;
using Ktp.Domain.Inquiries;

namespace Ktp.Domain.Tests.Inquiries;

public class AttributeValueTests
{
    [Theory]
    [InlineData(AttributeType.Date, "2025-06-01", "2025-06-01")]
    [InlineData(AttributeType.Date, "01.06.2025", "2025-06-01")]
    [InlineData(AttributeType.Decimal, "12.50", "12.50")]
    [InlineData(AttributeType.Decimal, " -3,5 ", "-3.5")]
    [InlineData(AttributeType.Boolean, "TRUE", "true")]
    [InlineData(AttributeType.String, "  hello  ", "hello")]
    [InlineData(AttributeType.Dictionary, "gold", "gold")]
    [InlineData(AttributeType.ExternalDictionary, "tariff-7", "tariff-7")]
    [InlineData(AttributeType.DynamicQuery, "42", "42")]
    public void Text_of_the_right_type_parses_to_its_stored_form(AttributeType type, string text, string stored)
    {
        AttributeValue.TryParse(type, text, out var value).ShouldBeTrue();

        value!.Serialize().ShouldBe(stored);
        value.Fits(type).ShouldBeTrue();
    }

    [Theory]
    [InlineData(AttributeType.Date, "tomorrow")]
    [InlineData(AttributeType.Date, "2025-02-30")]
    [InlineData(AttributeType.Decimal, "12 roubles")]
    [InlineData(AttributeType.Decimal, "1,000.5")]
    [InlineData(AttributeType.Boolean, "yes")]
    [InlineData(AttributeType.Boolean, "1")]
    public void Text_of_the_wrong_type_does_not_parse(AttributeType type, string text)
    {
        AttributeValue.TryParse(type, text, out var value).ShouldBeFalse();
        value.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_is_no_value_for_every_type(string? text)
    {
        foreach (var type in Enum.GetValues<AttributeType>())
        {
            AttributeValue.TryParse(type, text, out var value).ShouldBeTrue();
            value.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData(AttributeType.Date, "\"2025-06-01\"", true)]
    [InlineData(AttributeType.Date, "20250601", false)]
    [InlineData(AttributeType.Decimal, "12.5", true)]
    [InlineData(AttributeType.Decimal, "\"12.5\"", true)]
    [InlineData(AttributeType.Decimal, "true", false)]
    [InlineData(AttributeType.Boolean, "false", true)]
    [InlineData(AttributeType.Boolean, "\"true\"", false)]
    [InlineData(AttributeType.Boolean, "1", false)]
    [InlineData(AttributeType.String, "\"text\"", true)]
    [InlineData(AttributeType.String, "[1]", false)]
    [InlineData(AttributeType.Dictionary, "{\"code\":\"x\"}", false)]
    [InlineData(AttributeType.String, "null", true)]
    public void Json_values_are_checked_against_the_type(AttributeType type, string json, bool fits)
    {
        using var document = JsonDocument.Parse(json);

        AttributeValue.TryFromJson(type, document.RootElement, out _).ShouldBe(fits);
    }

    [Fact]
    public void Decimals_compare_by_value_not_by_text()
    {
        AttributeValue.Of(12.5m).ShouldBe(AttributeValue.Of(12.50m));
    }

    [Fact]
    public void Values_of_one_kind_fit_only_their_types()
    {
        AttributeValue.Item("gold").Fits(AttributeType.String).ShouldBeFalse();
        AttributeValue.Text("gold").Fits(AttributeType.Dictionary).ShouldBeFalse();
        AttributeValue.Of(new DateOnly(2025, 1, 1)).Fits(AttributeType.Date).ShouldBeTrue();
    }
}
