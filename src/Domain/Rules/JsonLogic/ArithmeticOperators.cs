using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Numbers: +, -, *, /, %, min, max.</summary>
/// <remarks>
/// As in json-logic-js, + and * read operands with parseFloat ("3 apples" is 3, null is NaN),
/// the others with Number() (null is 0, "" is 0). A missing operand is NaN.
/// </remarks>
internal static class ArithmeticOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        ["+"] = Operator.Eager(args => Js.Number(args.Aggregate(0.0, (sum, arg) => sum + Js.ParseFloat(arg)))),
        ["*"] = Operator.Eager(Multiply),
        ["-"] = Operator.Eager(Subtract),
        ["/"] = Operator.Eager(args => Js.Number(NumberAt(args, 0) / NumberAt(args, 1))),
        ["%"] = Operator.Eager(args => Js.Number(NumberAt(args, 0) % NumberAt(args, 1))),
        ["min"] = Operator.Eager(args => Js.Number(args.Select(Js.ToNumber).Aggregate(double.PositiveInfinity, Math.Min))),
        ["max"] = Operator.Eager(args => Js.Number(args.Select(Js.ToNumber).Aggregate(double.NegativeInfinity, Math.Max))),
    };

    private static JsonNode? Multiply(JsonNode?[] args) =>
        args.Length == 0
            ? null
            : Js.Number(args.Skip(1).Aggregate(Js.ParseFloat(args[0]), (product, arg) => product * Js.ParseFloat(arg)));

    /// <summary>Binary minus, or negation with a single argument.</summary>
    private static JsonNode Subtract(JsonNode?[] args) =>
        Js.Number(args.Length == 1 ? -NumberAt(args, 0) : NumberAt(args, 0) - NumberAt(args, 1));

    private static double NumberAt(JsonNode?[] args, int i) => i < args.Length ? Js.ToNumber(args[i]) : double.NaN;
}
