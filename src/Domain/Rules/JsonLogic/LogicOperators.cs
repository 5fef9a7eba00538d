using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Branching, boolean logic and equality: if, ?:, and, or, !, !!, ==, ===, !=, !==.</summary>
internal static class LogicOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        ["if"] = Operator.Lazy(If),
        ["?:"] = Operator.Lazy(If),
        ["and"] = Operator.Lazy((args, data) => FirstWhere(args, data, stopWhen: false)),
        ["or"] = Operator.Lazy((args, data) => FirstWhere(args, data, stopWhen: true)),
        ["!"] = Operator.Eager(args => Js.Bool(!Js.Truthy(args.At(0)))),
        ["!!"] = Operator.Eager(args => Js.Bool(Js.Truthy(args.At(0)))),
        ["=="] = Operator.Eager(args => Js.Bool(Js.LooseEquals(args.At(0), args.At(1)))),
        ["!="] = Operator.Eager(args => Js.Bool(!Js.LooseEquals(args.At(0), args.At(1)))),
        ["==="] = Operator.Eager(args => Js.Bool(Js.StrictEquals(args.At(0), args.At(1)))),
        ["!=="] = Operator.Eager(args => Js.Bool(!Js.StrictEquals(args.At(0), args.At(1)))),
    };

    /// <summary>[cond1, then1, cond2, then2, ..., else]: only the chosen branch is evaluated.</summary>
    private static JsonNode? If(JsonNode?[] args, JsonNode? data)
    {
        var i = 0;
        for (; i < args.Length - 1; i += 2)
        {
            if (Js.Truthy(JsonLogicEvaluator.Apply(args[i], data)))
                return JsonLogicEvaluator.Apply(args[i + 1], data);
        }
        return i == args.Length - 1 ? JsonLogicEvaluator.Apply(args[i], data) : null;
    }

    /// <summary>
    /// and/or short-circuit and return the deciding value itself, not a boolean:
    /// the first value whose truthiness equals stopWhen, or else the last value.
    /// </summary>
    private static JsonNode? FirstWhere(JsonNode?[] args, JsonNode? data, bool stopWhen)
    {
        JsonNode? current = null;
        foreach (var arg in args)
        {
            current = JsonLogicEvaluator.Apply(arg, data);
            if (Js.Truthy(current) == stopWhen)
                return current;
        }
        return current;
    }
}
