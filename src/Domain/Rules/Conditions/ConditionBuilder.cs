using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Rules.Conditions;

/// <summary>Reads JsonLogic back into the builder's model when the builder could have written it.</summary>
public static class ConditionBuilder
{
    private static readonly Dictionary<string, ConditionOperator> Comparisons = new()
    {
        ["=="] = ConditionOperator.Equal,
        ["!="] = ConditionOperator.NotEqual,
        ["<"] = ConditionOperator.Less,
        ["<="] = ConditionOperator.LessOrEqual,
        [">"] = ConditionOperator.Greater,
        [">="] = ConditionOperator.GreaterOrEqual,
    };

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// True when <paramref name="rule"/> is exactly what the builder writes for some tree, so that
    /// <c>tree.ToJsonLogic()</c> gives the same rule back. False for anything else (other operators,
    /// computed values, <c>var</c> with a default…): the editor then shows the raw JSON.
    /// </summary>
    public static bool TryFromJsonLogic(JsonLogicRule rule, [NotNullWhen(true)] out ConditionNode? tree)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return TryFromJsonLogic(rule.ToString(), out tree);
    }

    /// <inheritdoc cref="TryFromJsonLogic(JsonLogicRule, out ConditionNode?)"/>
    public static bool TryFromJsonLogic(string json, [NotNullWhen(true)] out ConditionNode? tree)
    {
        tree = null;
        JsonNode? rule;
        try
        {
            rule = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }

        tree = Read(rule);
        if (tree is not null && JsonNode.DeepEquals(tree.ToJsonLogic(), rule))
            return true;
        tree = null;
        return false;
    }

    /// <summary>JSON text as the raw view shows it: compact, with &lt;, &gt; and quotes unescaped.</summary>
    internal static string Text(JsonNode node) => node.ToJsonString(Readable);


    internal static bool IsScalar(JsonNode? node) =>
        node is null || (node is JsonValue value && value.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array));

    internal static string Symbol(ConditionOperator op) => Comparisons.First(c => c.Value == op).Key;

    private static ConditionNode? Read(JsonNode? rule)
    {
        if (rule is JsonValue literal && literal.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return new ConditionGroup(literal.GetValue<bool>() ? GroupMode.All : GroupMode.Any, []);
        if (rule is not JsonObject { Count: 1 } operation)
            return null;

        var (name, args) = operation.First();
        return name switch
        {
            "and" or "or" => ReadGroup(name == "and" ? GroupMode.All : GroupMode.Any, args),
            "missing" when args is JsonArray { Count: 1 } fields && FieldName(fields[0]) is { } field =>
                new FieldCondition(field, ConditionOperator.IsEmpty),
            "!" when args is JsonObject && Read(args) is FieldCondition { Operator: ConditionOperator.IsEmpty } empty =>
                empty with { Operator = ConditionOperator.IsNotEmpty },
            "in" => ReadIn(args),
            _ when Comparisons.TryGetValue(name, out var op) => ReadComparison(op, args),
            _ => null,
        };
    }

    private static ConditionNode? ReadGroup(GroupMode mode, JsonNode? args)
    {
        if (args is not JsonArray { Count: > 0 } items)
            return null;
        var children = items.Select(Read).ToList();
        return children.Any(c => c is null) ? null : new ConditionGroup(mode, children!);
    }

    private static ConditionNode? ReadIn(JsonNode? args)
    {
        if (args is not JsonArray { Count: 2 } pair)
            return null;
        var (left, right) = (pair[0], pair[1]);
        if (Var(left) is { } field && right is JsonArray list && list.All(IsScalar))
            return new FieldCondition(field, ConditionOperator.In, list.DeepClone());
        if (Var(right) is { } searched && left is not null && IsScalar(left))
            return new FieldCondition(searched, ConditionOperator.Contains, left.DeepClone());
        return null;
    }

    private static ConditionNode? ReadComparison(ConditionOperator op, JsonNode? args) =>
        args is JsonArray { Count: 2 } pair && Var(pair[0]) is { } field && IsScalar(pair[1])
            ? new FieldCondition(field, op, pair[1]?.DeepClone())
            : null;

    /// <summary>The field of <c>{"var": "a.b"}</c>; null for any other form.</summary>
    private static string? Var(JsonNode? node) =>
        node is JsonObject { Count: 1 } operation && operation.TryGetPropertyValue("var", out var path) ? FieldName(path) : null;

    private static string? FieldName(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } name
            && !string.IsNullOrWhiteSpace(name) ? name : null;
}
