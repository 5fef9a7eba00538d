using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>A JsonLogic rule that has been checked: valid JSON, known operators, well-formed operations.</summary>
public sealed class JsonLogicRule
{
    private readonly JsonNode? _rule;

    private JsonLogicRule(JsonNode? rule)
    {
        _rule = rule;
        Variables = VariableCollector.Collect(rule);
    }

    /// <summary>
    /// Data fields the rule reads (var, missing, missing_some), in order of first use, e.g. "customer.age".
    /// Fields read inside map/filter/reduce/all/none/some logic belong to the array items and are not listed,
    /// nor are names computed while evaluating.
    /// </summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The <see cref="Variables"/> that <paramref name="data"/> does not have: the rule reads them as null (or their default).</summary>
    public IReadOnlyList<string> MissingIn(JsonNode? data) =>
        Variables.Where(name => !DataOperators.TryResolve(data, name, out _)).ToList();

    /// <exception cref="JsonLogicParseException">The text is not JSON, or not a valid rule.</exception>
    public static JsonLogicRule Parse(string json)
    {
        JsonNode? rule;
        try
        {
            rule = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new JsonLogicParseException($"Rule is not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}).", e);
        }

        // Validation walks the whole tree; that also materialises System.Text.Json's lazily built nodes,
        // so one parsed rule can be evaluated from several threads.
        try
        {
            Validate(rule);
        }
        catch (ArgumentException e) // System.Text.Json only notices duplicate keys when an object is first read
        {
            throw new JsonLogicParseException($"Rule has a duplicate key.", e);
        }
        return new JsonLogicRule(rule);
    }

    public JsonNode? Evaluate(JsonNode? data) => JsonLogicEvaluator.Evaluate(_rule, data);

    public bool IsSatisfiedBy(JsonNode? data) => JsonLogicEvaluator.Truthy(Evaluate(data));

    public override string ToString() => _rule?.ToJsonString() ?? "null";

    private static void Validate(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray items:
                foreach (var item in items)
                    Validate(item);
                break;
            case JsonObject operation:
                // The reference implementation treats such objects as literal values, so a typo like
                // {"and": [...], "or": [...]} would silently always be true. Reject it when saving instead.
                if (operation.Count != 1)
                    throw new JsonLogicParseException(
                        $"An operation must have exactly one key (the operator); found {operation.Count} at {operation.GetPath()}.");
                var (name, args) = operation.First();
                if (!OperatorTable.Contains(name))
                    throw new JsonLogicParseException($"Unknown operator \"{name}\" at {operation.GetPath()}.");
                Validate(args);
                break;
        }
    }
}
