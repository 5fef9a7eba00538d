using System.Text.Json.Nodes;
using Ktp.Domain.Common;

namespace Ktp.Domain.Rules.Conditions;

/// <summary>
/// The condition builder's model: groups of "field operator value" conditions, which the editor shows as a
/// form and saves as JsonLogic (<see cref="ToJsonLogic"/>). <see cref="ConditionBuilder.TryFromJsonLogic(string, out ConditionNode?)"/>
/// reads back the rules it can express; anything else is edited in the raw JSON view.
/// </summary>
public abstract record ConditionNode
{
    /// <exception cref="ValidationFailedException">A condition lacks its field or has a value its operator cannot take.</exception>
    public JsonNode ToJsonLogic() => Write("") ?? throw new InvalidOperationException("A condition wrote nothing.");

    /// <summary>The JsonLogic as text to save, e.g. <c>{"&gt;":[{"var":"attributes.amount"},1000]}</c> (no \u003E escapes).</summary>
    /// <exception cref="ValidationFailedException">As for <see cref="ToJsonLogic"/>.</exception>
    public string ToJson() => ConditionBuilder.Text(ToJsonLogic());

    internal abstract JsonNode Write(string path);
}

public enum GroupMode
{
    /// <summary>Every item holds (<c>and</c>); an empty group always holds (<c>true</c>).</summary>
    All,

    /// <summary>At least one item holds (<c>or</c>); an empty group never holds (<c>false</c>).</summary>
    Any,
}

public sealed record ConditionGroup(GroupMode Mode, IReadOnlyList<ConditionNode> Items) : ConditionNode
{
    private readonly IReadOnlyList<ConditionNode> _items = [.. Items ?? []];

    public IReadOnlyList<ConditionNode> Items { get => _items; init => _items = [.. value ?? []]; }

    internal override JsonNode Write(string path)
    {
        if (_items.Count == 0)
            return Mode == GroupMode.All;
        var items = new JsonArray();
        for (var i = 0; i < _items.Count; i++)
            items.Add(_items[i].Write($"{path}{(path.Length == 0 ? "" : ".")}Items[{i}]"));
        return new JsonObject { [Mode == GroupMode.All ? "and" : "or"] = items };
    }
}

public enum ConditionOperator
{
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,

    /// <summary>The field's value is one of a list: <c>{"in": [{"var": f}, [v1, v2]]}</c>.</summary>
    In,

    /// <summary>The field (text or list) contains the value: <c>{"in": [v, {"var": f}]}</c>.</summary>
    Contains,

    /// <summary>The field is absent, null or "": <c>{"missing": [f]}</c>.</summary>
    IsEmpty,

    /// <summary><c>{"!": {"missing": [f]}}</c>.</summary>
    IsNotEmpty,
}

/// <summary>
/// One condition on a field of the data, e.g. <c>attributes.amount &gt; 1000</c>. <paramref name="Value"/> is a
/// JSON string, number, boolean or null; for <see cref="ConditionOperator.In"/> an array of those; for the
/// emptiness tests none.
/// </summary>
public sealed record FieldCondition(string Field, ConditionOperator Operator, JsonNode? Value = null) : ConditionNode
{
    internal override JsonNode Write(string path)
    {
        var at = path.Length == 0 ? "" : path + ".";
        if (string.IsNullOrWhiteSpace(Field))
            throw new ValidationFailedException($"{at}{nameof(Field)}", "Choose a field.");
        var field = new JsonObject { ["var"] = Field };
        switch (Operator)
        {
            case ConditionOperator.IsEmpty:
                return new JsonObject { ["missing"] = new JsonArray(Field) };
            case ConditionOperator.IsNotEmpty:
                return new JsonObject { ["!"] = new JsonObject { ["missing"] = new JsonArray(Field) } };
            case ConditionOperator.In:
                if (Value is not JsonArray list || !list.All(ConditionBuilder.IsScalar))
                    throw new ValidationFailedException($"{at}{nameof(Value)}", "Give a list of values.");
                return Operation("in", field, Value.DeepClone());
            case ConditionOperator.Contains:
                if (Value is null || !ConditionBuilder.IsScalar(Value))
                    throw new ValidationFailedException($"{at}{nameof(Value)}", "Give the value to look for.");
                return Operation("in", Value.DeepClone(), field);
            default:
                if (!ConditionBuilder.IsScalar(Value))
                    throw new ValidationFailedException($"{at}{nameof(Value)}", "Give a single value.");
                return Operation(ConditionBuilder.Symbol(Operator), field, Value?.DeepClone());
        }
    }

    private static JsonObject Operation(string name, JsonNode? left, JsonNode? right) => new() { [name] = new JsonArray(left, right) };
}
