using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>
/// One JsonLogic operation. Most operators receive their arguments already evaluated;
/// lazy ones (if, and, or, map, ...) receive the raw rule nodes and decide what to evaluate.
/// </summary>
internal sealed class Operator
{
    private readonly Func<JsonNode?[], JsonNode?, JsonNode?> _apply;
    private readonly bool _lazy;

    private Operator(Func<JsonNode?[], JsonNode?, JsonNode?> apply, bool lazy) => (_apply, _lazy) = (apply, lazy);

    public static Operator Eager(Func<JsonNode?[], JsonNode?> apply) => new((args, _) => apply(args), lazy: false);

    public static Operator EagerWithData(Func<JsonNode?[], JsonNode?, JsonNode?> apply) => new(apply, lazy: false);

    public static Operator Lazy(Func<JsonNode?[], JsonNode?, JsonNode?> apply) => new(apply, lazy: true);

    public JsonNode? Invoke(JsonNode?[] args, JsonNode? data) =>
        _apply(_lazy ? args : Array.ConvertAll(args, arg => JsonLogicEvaluator.Apply(arg, data)), data);
}

internal static class OperatorArgs
{
    /// <summary>The i-th argument, or null when the rule passed fewer (JavaScript's undefined).</summary>
    public static JsonNode? At(this JsonNode?[] args, int i) => i < args.Length ? args[i] : null;
}
