using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Ordering: &gt;, &gt;=, &lt;, &lt;= (the last two also as "between" with three arguments).</summary>
internal static class ComparisonOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        [">"] = Operator.Eager(args => Js.Bool(Holds(args, 0, c => c > 0))),
        [">="] = Operator.Eager(args => Js.Bool(Holds(args, 0, c => c >= 0))),
        ["<"] = Operator.Eager(args => Between(args, c => c < 0)),
        ["<="] = Operator.Eager(args => Between(args, c => c <= 0)),
    };

    /// <summary>{"&lt;": [1, x, 10]} means 1 &lt; x &lt; 10.</summary>
    private static JsonNode Between(JsonNode?[] args, Func<int, bool> test) =>
        Js.Bool(args.Length >= 3 ? Holds(args, 0, test) && Holds(args, 1, test) : Holds(args, 0, test));

    /// <summary>Compares args[i] with args[i + 1]; a missing operand makes the comparison false.</summary>
    private static bool Holds(JsonNode?[] args, int i, Func<int, bool> test) =>
        i + 1 < args.Length && Js.Compare(args[i], args[i + 1]) is int c && test(c);
}
