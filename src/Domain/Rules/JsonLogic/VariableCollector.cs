using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Finds the data field names a rule reads, so callers can warn about fields their data lacks.</summary>
internal static class VariableCollector
{
    private static readonly HashSet<string> ItemScoped = ["map", "filter", "reduce", "all", "none", "some"];

    public static IReadOnlyList<string> Collect(JsonNode? rule)
    {
        var names = new List<string>();
        Walk(rule, names);
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Walk(JsonNode? node, List<string> names)
    {
        if (node is JsonArray items)
        {
            foreach (var item in items)
                Walk(item, names);
            return;
        }
        if (node is not JsonObject { Count: 1 } operation)
            return;

        var (name, argsNode) = operation.First();
        var args = argsNode is JsonArray list ? list.ToArray() : [argsNode];
        switch (name)
        {
            case "var":
                AddName(args.At(0), names);
                foreach (var fallback in args.Skip(1))
                    Walk(fallback, names);
                break;
            case "missing":
                foreach (var key in args.At(0) is JsonArray keys ? keys.ToArray() : args)
                    AddName(key, names);
                break;
            case "missing_some":
                Walk(args.At(0), names);
                foreach (var key in args.At(1) is JsonArray keys ? keys.ToArray() : [args.At(1)])
                    AddName(key, names);
                break;
            case var scoped when ItemScoped.Contains(scoped):
                // Argument 1 is per-item logic: its vars name fields of the items, not of the data.
                Walk(args.At(0), names);
                foreach (var rest in args.Skip(2))
                    Walk(rest, names);
                break;
            default:
                foreach (var arg in args)
                    Walk(arg, names);
                break;
        }
    }

    /// <summary>A literal name is recorded; a computed one can only be searched for vars it reads itself.</summary>
    private static void AddName(JsonNode? key, List<string> names)
    {
        switch (Js.KindOf(key))
        {
            case JsKind.String or JsKind.Number:
                var name = Js.ToJsString(key);
                if (name.Length > 0)
                    names.Add(name);
                break;
            default:
                Walk(key, names);
                break;
        }
    }
}
