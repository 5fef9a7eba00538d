using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// An attribute flag (required, hidden, read-only): either fixed, or set while a JsonLogic rule is truthy.
/// Rules read the form data described in <see cref="FormContext"/>; a field the data lacks reads as null.
/// In JSON a fixed flag is <c>true</c>/<c>false</c> and a rule is the rule itself.
/// </summary>
[JsonConverter(typeof(FlagRuleJsonConverter))]
public abstract record FlagRule
{
    private protected FlagRule() { }

    public static readonly FlagRule Always = new Fixed(true);
    public static readonly FlagRule Never = new Fixed(false);

    /// <exception cref="JsonLogicParseException">Not a valid JsonLogic rule.</exception>
    public static FlagRule When(string jsonLogic) => new Rule(JsonLogicRule.Parse(jsonLogic));

    /// <summary>Whether the flag is set for this form data.</summary>
    public abstract bool IsSetFor(JsonNode? data);

    public sealed record Fixed(bool Value) : FlagRule
    {
        public override bool IsSetFor(JsonNode? data) => Value;

        public override string ToString() => Value ? "true" : "false";
    }

    public sealed record Rule(JsonLogicRule Logic) : FlagRule
    {
        public override bool IsSetFor(JsonNode? data) => Logic.IsSatisfiedBy(data);

        public bool Equals(Rule? other) => other is not null && Logic.ToString() == other.Logic.ToString();

        public override int GetHashCode() => Logic.ToString().GetHashCode(StringComparison.Ordinal);

        public override string ToString() => Logic.ToString();
    }
}

/// <summary>JSON form of <see cref="FlagRule"/>: true/false (or null, meaning false) or a JsonLogic rule.</summary>
public sealed class FlagRuleJsonConverter : JsonConverter<FlagRule>
{
    public override bool HandleNull => true;

    public override FlagRule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.True: return FlagRule.Always;
            case JsonValueKind.False or JsonValueKind.Null: return FlagRule.Never;
        }
        try
        {
            return new FlagRule.Rule(JsonLogicRule.Parse(root.GetRawText()));
        }
        catch (JsonLogicParseException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, FlagRule value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case FlagRule.Fixed f: writer.WriteBooleanValue(f.Value); break;
            case FlagRule.Rule r: writer.WriteRawValue(r.Logic.ToString()); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
