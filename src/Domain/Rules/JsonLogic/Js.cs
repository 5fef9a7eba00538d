using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

internal enum JsKind { Null, Boolean, Number, String, Array, Object }

/// <summary>
/// JavaScript's type coercions, as the reference implementation (json-logic-js) relies on them.
/// Primitives are handled as plain CLR values: null, bool, double or string.
/// </summary>
internal static class Js
{
    public static JsKind KindOf(JsonNode? node) => node switch
    {
        null => JsKind.Null,
        JsonArray => JsKind.Array,
        JsonObject => JsKind.Object,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => JsKind.Boolean,
            JsonValueKind.Number => JsKind.Number,
            JsonValueKind.String => JsKind.String,
            JsonValueKind.Null or JsonValueKind.Undefined => JsKind.Null,
            _ => JsKind.Object,
        },
    };

    public static JsonNode Bool(bool value) => JsonValue.Create(value);

    public static JsonNode Number(double value) => JsonValue.Create(value);

    public static JsonNode String(string value) => JsonValue.Create(value);

    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    public static double NumberValue(JsonNode node) =>
        node.AsValue().TryGetValue(out double value)
            ? value
            // Values built in code may hold int, long, decimal...; their JSON text is a plain number.
            : double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string StringValue(JsonNode node) =>
        node.AsValue().TryGetValue(out string? value)
            ? value
            : JsonNode.Parse(node.ToJsonString())!.GetValue<string>(); // char, Guid, DateTime...

    public static bool Truthy(JsonNode? node) => KindOf(node) switch
    {
        JsKind.Null => false,
        JsKind.Boolean => node!.GetValueKind() == JsonValueKind.True,
        JsKind.Number => NumberValue(node!) is var d && d != 0 && !double.IsNaN(d),
        JsKind.String => StringValue(node!).Length > 0,
        JsKind.Array => ((JsonArray)node!).Count > 0,
        _ => true,
    };

    /// <summary>JavaScript ToPrimitive: arrays and objects become their string form.</summary>
    public static object? ToPrimitive(JsonNode? node) => KindOf(node) switch
    {
        JsKind.Null => null,
        JsKind.Boolean => node!.GetValueKind() == JsonValueKind.True,
        JsKind.Number => NumberValue(node!),
        JsKind.String => StringValue(node!),
        _ => ToJsString(node),
    };

    /// <summary>JavaScript String(value).</summary>
    public static string ToJsString(JsonNode? node) => KindOf(node) switch
    {
        JsKind.Null => "null",
        JsKind.Boolean => node!.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsKind.Number => JsNumber.Format(NumberValue(node!)),
        JsKind.String => StringValue(node!),
        JsKind.Array => string.Join(",", ((JsonArray)node!).Select(JoinPart)),
        _ => "[object Object]",
    };

    /// <summary>How Array.prototype.join renders one element: null becomes the empty string.</summary>
    public static string JoinPart(JsonNode? node) => KindOf(node) == JsKind.Null ? "" : ToJsString(node);

    /// <summary>JavaScript Number(value).</summary>
    public static double ToNumber(JsonNode? node) => PrimitiveToNumber(ToPrimitive(node));

    /// <summary>JavaScript parseFloat(value): the longest numeric prefix, NaN when there is none.</summary>
    public static double ParseFloat(JsonNode? node) =>
        KindOf(node) == JsKind.Number ? NumberValue(node!) : JsNumber.ParseFloat(ToJsString(node));

    /// <summary>JavaScript ===. Arrays and objects are equal only to themselves.</summary>
    public static bool StrictEquals(JsonNode? a, JsonNode? b)
    {
        if (a is JsonArray or JsonObject || b is JsonArray or JsonObject)
            return ReferenceEquals(a, b);

        return (ToPrimitive(a), ToPrimitive(b)) switch
        {
            (null, null) => true,
            (bool x, bool y) => x == y,
            (double x, double y) => x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>JavaScript ==: null equals only null; otherwise mixed types are compared as numbers.</summary>
    public static bool LooseEquals(JsonNode? a, JsonNode? b)
    {
        if (a is JsonArray or JsonObject && b is JsonArray or JsonObject)
            return ReferenceEquals(a, b);

        var (x, y) = (ToPrimitive(a), ToPrimitive(b));
        if (x is null || y is null)
            return x is null && y is null;

        return (x, y) switch
        {
            (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
            (bool p, bool q) => p == q,
            _ => PrimitiveToNumber(x) == PrimitiveToNumber(y),
        };
    }

    /// <summary>
    /// JavaScript's relational comparison: two strings compare by UTF-16 code units, anything else as numbers.
    /// Null when the answer is "undefined" (a NaN is involved), which makes every comparison false.
    /// </summary>
    public static int? Compare(JsonNode? a, JsonNode? b)
    {
        var (x, y) = (ToPrimitive(a), ToPrimitive(b));
        if (x is string s && y is string t)
            return Math.Sign(string.CompareOrdinal(s, t));

        var (m, n) = (PrimitiveToNumber(x), PrimitiveToNumber(y));
        return double.IsNaN(m) || double.IsNaN(n) ? null : m.CompareTo(n);
    }

    private static double PrimitiveToNumber(object? primitive) => primitive switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s => JsNumber.Parse(s),
        _ => double.NaN,
    };
}
