using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>
/// Arrays: map, filter, reduce, all, none, some, merge, in.
/// Inside map/filter/all/none/some the logic sees each element as its data;
/// inside reduce it sees {"current": element, "accumulator": value so far}.
/// </summary>
internal static class ArrayOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        ["map"] = Operator.Lazy(Map),
        ["filter"] = Operator.Lazy(Filter),
        ["reduce"] = Operator.Lazy(Reduce),
        ["all"] = Operator.Lazy((args, data) => Js.Bool(Test(args, data, (items, ok) => items.Count > 0 && items.All(ok)))),
        ["none"] = Operator.Lazy((args, data) => Js.Bool(Test(args, data, (items, ok) => !items.Any(ok)))),
        ["some"] = Operator.Lazy((args, data) => Js.Bool(Test(args, data, (items, ok) => items.Any(ok)))),
        ["merge"] = Operator.Eager(args => new JsonArray(args.SelectMany(Flatten).Select(Js.Copy).ToArray())),
        ["in"] = Operator.Eager(args => Js.Bool(In(args.At(0), args.At(1)))),
    };

    private static JsonNode Map(JsonNode?[] args, JsonNode? data)
    {
        var (items, logic) = Scope(args, data);
        return new JsonArray(items.Select(item => Js.Copy(JsonLogicEvaluator.Apply(logic, item))).ToArray());
    }

    private static JsonNode Filter(JsonNode?[] args, JsonNode? data)
    {
        var (items, logic) = Scope(args, data);
        return new JsonArray(items.Where(item => Js.Truthy(JsonLogicEvaluator.Apply(logic, item))).Select(Js.Copy).ToArray());
    }

    private static JsonNode? Reduce(JsonNode?[] args, JsonNode? data)
    {
        var (items, logic) = Scope(args, data);
        var initial = args.Length > 2 ? JsonLogicEvaluator.Apply(args[2], data) : null;
        return items.Aggregate(initial, (accumulator, current) => JsonLogicEvaluator.Apply(logic, new JsonObject
        {
            ["current"] = Js.Copy(current),
            ["accumulator"] = Js.Copy(accumulator),
        }));
    }

    private static bool Test(JsonNode?[] args, JsonNode? data, Func<IList<JsonNode?>, Func<JsonNode?, bool>, bool> quantifier)
    {
        var (items, logic) = Scope(args, data);
        return quantifier(items, item => Js.Truthy(JsonLogicEvaluator.Apply(logic, item)));
    }

    /// <summary>The evaluated first argument (anything but an array counts as empty) and the raw per-item logic.</summary>
    private static (IList<JsonNode?> Items, JsonNode? Logic) Scope(JsonNode?[] args, JsonNode? data)
    {
        var items = args.Length > 0 && JsonLogicEvaluator.Apply(args[0], data) is JsonArray array ? array : new JsonArray();
        return (items, args.At(1));
    }

    // Spelled out: in a conditional with a JsonArray branch, [arg] would build a JsonArray and re-parent arg.
    private static IEnumerable<JsonNode?> Flatten(JsonNode? arg)
    {
        if (arg is JsonArray array)
            return array;
        return [arg];
    }

    /// <summary>Element of an array (strict equality) or substring of a string.</summary>
    private static bool In(JsonNode? needle, JsonNode? haystack)
    {
        if (haystack is JsonArray array)
            return array.Any(item => Js.StrictEquals(item, needle));

        return Js.KindOf(haystack) == JsKind.String
            && Js.StringValue(haystack!) is { Length: > 0 } text
            && text.Contains(Js.ToJsString(needle), StringComparison.Ordinal);
    }
}
