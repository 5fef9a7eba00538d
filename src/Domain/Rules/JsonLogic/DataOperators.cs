using System.Globalization;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Reading the data: var, missing, missing_some.</summary>
internal static class DataOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        ["var"] = Operator.EagerWithData(Var),
        ["missing"] = Operator.EagerWithData(Missing),
        ["missing_some"] = Operator.EagerWithData(MissingSome),
    };

    /// <summary>{"var": "a.b.0"} or {"var": ["a.b", default]}; "" or no path means the whole data.</summary>
    private static JsonNode? Var(JsonNode?[] args, JsonNode? data)
    {
        var path = args.At(0);
        if (Js.KindOf(path) == JsKind.Null || (Js.KindOf(path) == JsKind.String && Js.StringValue(path!) == ""))
            return data;

        return TryResolve(data, Js.ToJsString(path), out var value) ? value : args.At(1);
    }

    /// <summary>
    /// Walks a dotted path through objects and arrays. A field that is present but null resolves to null
    /// (the default is only for absent fields), as in the reference implementation.
    /// </summary>
    internal static bool TryResolve(JsonNode? data, string path, out JsonNode? value)
    {
        value = data;
        foreach (var segment in path.Split('.'))
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    value = child;
                    break;
                case JsonArray array when TryIndex(segment, array.Count, out var index):
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    private static bool TryIndex(string segment, int count, out int index) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && index < count
        && index.ToString(CultureInfo.InvariantCulture) == segment;

    /// <summary>The keys (given as arguments or as one array) whose value is absent, null or "".</summary>
    private static JsonNode Missing(JsonNode?[] args, JsonNode? data)
    {
        IEnumerable<JsonNode?> keys = args.At(0) is JsonArray list ? list : args;
        var missing = new JsonArray();
        foreach (var key in keys)
        {
            var value = Var([key], data);
            var absent = Js.KindOf(value) == JsKind.Null
                || (Js.KindOf(value) == JsKind.String && Js.StringValue(value!) == "");
            if (absent)
                missing.Add(Js.Copy(key));
        }
        return missing;
    }

    /// <summary>{"missing_some": [n, keys]}: [] when at least n keys are present, else the missing ones.</summary>
    private static JsonNode MissingSome(JsonNode?[] args, JsonNode? data)
    {
        var needed = Js.ToNumber(args.At(0));
        var options = args.At(1) is JsonArray list ? list : new JsonArray(Js.Copy(args.At(1)));
        var missing = (JsonArray)Missing([options], data);
        return options.Count - missing.Count >= needed ? new JsonArray() : missing;
    }
}
