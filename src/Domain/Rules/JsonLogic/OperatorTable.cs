using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Ktp.Domain.Rules.JsonLogic;

internal static class OperatorTable
{
    private static readonly FrozenDictionary<string, Operator> Operators =
        new[]
        {
            DataOperators.All,
            LogicOperators.All,
            ComparisonOperators.All,
            ArithmeticOperators.All,
            ArrayOperators.All,
            StringOperators.All,
        }
        .SelectMany(family => family)
        .ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, [MaybeNullWhen(false)] out Operator op) =>
        Operators.TryGetValue(name, out op);

    public static bool Contains(string name) => Operators.ContainsKey(name);
}
