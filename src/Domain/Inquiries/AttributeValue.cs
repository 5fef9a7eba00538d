using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// A non-empty value of a topic attribute. Stored as text (<see cref="Serialize"/>): dates as
/// <c>yyyy-MM-dd</c>, decimals with a point, booleans as <c>true</c>/<c>false</c>, strings trimmed,
/// item codes as they are. Empty or blank text means "no value" for every type.
/// </summary>
public abstract record AttributeValue
{
    private protected AttributeValue() { }

    public sealed record DateValue(DateOnly Value) : AttributeValue;

    public sealed record DecimalValue(decimal Value) : AttributeValue;

    public sealed record BooleanValue(bool Value) : AttributeValue;

    public sealed record TextValue(string Value) : AttributeValue;

    /// <summary>The code of an item of a dictionary, external dictionary or dynamic query.</summary>
    public sealed record ItemValue(string Code) : AttributeValue;

    public static AttributeValue Of(DateOnly value) => new DateValue(value);
    public static AttributeValue Of(decimal value) => new DecimalValue(value);
    public static AttributeValue Of(bool value) => new BooleanValue(value);
    public static AttributeValue Text(string value) => new TextValue(value.Trim());
    public static AttributeValue Item(string code) => new ItemValue(code.Trim());

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy"];

    /// <summary>
    /// Reads text typed by a person or stored earlier. Dates may be <c>2025-06-01</c> or <c>01.06.2025</c>;
    /// decimals may use a point or a comma. Returns true with a null value for empty text, false when the
    /// text does not fit the type.
    /// </summary>
    public static bool TryParse(AttributeType type, string? text, out AttributeValue? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var s = text.Trim();
        switch (type)
        {
            case AttributeType.Date when DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                value = new DateValue(d);
                return true;
            case AttributeType.Decimal when TryParseDecimal(s, out var m):
                value = new DecimalValue(m);
                return true;
            case AttributeType.Boolean when bool.TryParse(s, out var b):
                value = new BooleanValue(b);
                return true;
            case AttributeType.String:
                value = new TextValue(s);
                return true;
            case var t when t.IsItem():
                value = new ItemValue(s);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Reads a JSON value sent through the API: a date as a string, a decimal as a number (or numeric string),
    /// a boolean as true/false, a string or item code as a string (or number). Null means no value.
    /// </summary>
    public static bool TryFromJson(AttributeType type, JsonElement json, out AttributeValue? value)
    {
        value = null;
        return json.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => true,
            JsonValueKind.String => type != AttributeType.Boolean && TryParse(type, json.GetString(), out value),
            JsonValueKind.Number => type is AttributeType.Decimal or AttributeType.String || type.IsItem()
                ? TryParse(type, json.GetRawText(), out value)
                : false,
            JsonValueKind.True or JsonValueKind.False when type == AttributeType.Boolean =>
                TryParse(type, json.GetRawText(), out value),
            _ => false,
        };
    }

    /// <summary>Stored text of <paramref name="value"/>; the empty string for no value.</summary>
    public static string Serialize(AttributeValue? value) => value?.Serialize() ?? "";

    /// <summary>How a value of <paramref name="type"/> is described in messages: "Attribute 'x' expects a date".</summary>
    public static string Expectation(AttributeType type) => type switch
    {
        AttributeType.Date => "a date",
        AttributeType.Decimal => "a number",
        AttributeType.Boolean => "true or false",
        AttributeType.String => "text",
        _ => "an item code",
    };

    public bool Fits(AttributeType type) => this switch
    {
        DateValue => type == AttributeType.Date,
        DecimalValue => type == AttributeType.Decimal,
        BooleanValue => type == AttributeType.Boolean,
        TextValue => type == AttributeType.String,
        _ => type.IsItem(),
    };

    public string Serialize() => this switch
    {
        DateValue d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DecimalValue m => m.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValue b => b.Value ? "true" : "false",
        TextValue t => t.Value,
        ItemValue i => i.Code,
        _ => throw new UnreachableException(),
    };

    /// <summary>The value as rules see it: dates as ISO strings (they compare in order), decimals as numbers.</summary>
    internal JsonNode ToJson() => this switch
    {
        DecimalValue m => JsonValue.Create(m.Value),
        BooleanValue b => JsonValue.Create(b.Value),
        _ => JsonValue.Create(Serialize()),
    };

    private static bool TryParseDecimal(string s, out decimal value)
    {
        if (!s.Contains('.')) s = s.Replace(',', '.');
        const NumberStyles styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        return decimal.TryParse(s, styles, CultureInfo.InvariantCulture, out value);
    }
}
