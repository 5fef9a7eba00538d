using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Evaluates JsonLogic rules (jsonlogic.com) with the semantics of the reference implementation.</summary>
public static class JsonLogicEvaluator
{
    /// <summary>
    /// Applies <paramref name="rule"/> to <paramref name="data"/>. Absent fields read as null; nothing is thrown
    /// for odd data. The result is a fresh node (never shared with rule or data) and always serializable:
    /// NaN and ±Infinity become null, as JSON.stringify does.
    /// </summary>
    /// <exception cref="JsonLogicParseException">The rule uses an unknown operator (validate with <see cref="JsonLogicRule.Parse"/>).</exception>
    public static JsonNode? Evaluate(JsonNode? rule, JsonNode? data) => WithoutNonFinite(Js.Copy(Apply(rule, data)));

    /// <summary>JsonLogic truthiness: null, false, 0, NaN, "" and [] are false; everything else, including {}, is true.</summary>
    public static bool Truthy(JsonNode? value) => Js.Truthy(value);

    /// <summary>The evaluation step. Results may be nodes of the rule or the data: copy before attaching them elsewhere.</summary>
    internal static JsonNode? Apply(JsonNode? rule, JsonNode? data)
    {
        switch (rule)
        {
            case JsonArray items:
                return new JsonArray(items.Select(item => Js.Copy(Apply(item, data))).ToArray());
            case JsonObject { Count: 1 } operation:
                var (name, args) = operation.First();
                if (!OperatorTable.TryGet(name, out var op))
                    throw new JsonLogicParseException($"Unknown operator \"{name}\" at {operation.GetPath()}.");
                return op.Invoke(args is JsonArray list ? list.ToArray() : [args], data);
            default:
                return rule; // anything else is a literal
        }
    }

    private static JsonNode? WithoutNonFinite(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsNonFinite(array[i])) array[i] = null;
                    else WithoutNonFinite(array[i]);
                }
                break;
            case JsonObject obj:
                foreach (var key in obj.Select(property => property.Key).ToList())
                {
                    if (IsNonFinite(obj[key])) obj[key] = null;
                    else WithoutNonFinite(obj[key]);
                }
                break;
        }
        return IsNonFinite(node) ? null : node;
    }

    private static bool IsNonFinite(JsonNode? node) =>
        Js.KindOf(node) == JsKind.Number && !double.IsFinite(Js.NumberValue(node!));
}
