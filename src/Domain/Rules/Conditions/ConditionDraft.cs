using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.Conditions;

/// <summary>
/// The condition builder's editable tree: a group (all/any of its items) or one "field operator value"
/// condition. Values are typed as text: <c>phone</c>, <c>1000</c>, <c>true</c>, <c>"123"</c> for the text 123;
/// a list for "in" is comma-separated.
/// </summary>
public sealed class ConditionDraft
{
    public bool IsGroup { get; init; }
    public GroupMode Mode { get; set; } = GroupMode.All;
    public List<ConditionDraft> Items { get; } = [];
    public string Field { get; set; } = "";
    public ConditionOperator Operator { get; set; } = ConditionOperator.Equal;
    public string Value { get; set; } = "";

    public bool TakesValue => Operator is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty);

    public static ConditionDraft Group(GroupMode mode = GroupMode.All) => new() { IsGroup = true, Mode = mode };

    /// <summary>A root group holding one empty condition: what a new rule starts as.</summary>
    public static ConditionDraft NewRule()
    {
        var root = Group();
        root.Items.Add(new ConditionDraft());
        return root;
    }

    /// <summary>The builder's tree for a rule (always a group at the root), or null when only the raw view can show it.</summary>
    public static ConditionDraft? FromJsonLogic(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return NewRule();
        if (!ConditionBuilder.TryFromJsonLogic(json, out var node)) return null;
        var draft = From(node);
        if (draft.IsGroup) return draft;
        var root = Group();
        root.Items.Add(draft);
        return root;
    }

    /// <summary>The JsonLogic text; a root group of one item is written as that item.</summary>
    /// <exception cref="Domain.Common.ValidationFailedException">A condition lacks its field or value.</exception>
    public string ToJsonLogic() => (IsGroup && Items.Count == 1 ? Items[0] : this).ToNode().ToJson();

    private static ConditionDraft From(ConditionNode node)
    {
        switch (node)
        {
            case ConditionGroup group:
                var draft = Group(group.Mode);
                draft.Items.AddRange(group.Items.Select(From));
                return draft;
            case FieldCondition c:
                return new ConditionDraft { Field = c.Field, Operator = c.Operator, Value = c.Value is JsonArray list
                    ? string.Join(", ", list.Select(ValueText)) : ValueText(c.Value) };
            default:
                throw new ArgumentException($"Unknown condition node {node.GetType().Name}.", nameof(node));
        }
    }

    private ConditionNode ToNode() => IsGroup
        ? new ConditionGroup(Mode, [.. Items.Select(i => i.ToNode())])
        : new FieldCondition(Field.Trim(), Operator, Operator switch
        {
            ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty => null,
            ConditionOperator.In => new JsonArray([.. Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse)]),
            _ => Parse(Value.Trim()),
        });

    /// <summary>Text to a JSON value: numbers, true/false/null and "quoted" text as JSON; anything else is text.</summary>
    public static JsonNode? Parse(string text)
    {
        if (text is "" or "null") return null;
        try
        {
            var node = JsonNode.Parse(text);
            if (node is JsonValue) return node;
        }
        catch (JsonException)
        {
        }
        return JsonValue.Create(text);
    }

    /// <summary>The inverse of <see cref="Parse"/>: text that would read as another type is shown quoted.</summary>
    public static string ValueText(JsonNode? value)
    {
        if (value is null) return "null";
        if (value.GetValueKind() != JsonValueKind.String) return value.ToJsonString();
        var text = value.GetValue<string>();
        var reads = Parse(text);
        return reads is not null && reads.GetValueKind() == JsonValueKind.String && !text.Contains(',') ? text
            : JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
