using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Processes;

/// <summary>A JsonLogic rule read from a diagram (a flow's condition or a business rule task's rule).</summary>
public sealed class ProcessCondition
{
    private readonly JsonLogicRule _rule;

    private ProcessCondition(JsonLogicRule rule, string text) => (_rule, Text) = (rule, text);

    public string Text { get; }

    /// <exception cref="JsonLogicParseException">Not a JsonLogic rule.</exception>
    public static ProcessCondition Parse(string text) => new(JsonLogicRule.Parse(text), text);

    /// <summary>
    /// Applies the rule to the variables with JsonLogic semantics (an absent variable reads as null) and
    /// names the variables it reads that are absent.
    /// </summary>
    public RuleOutcome Evaluate(IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables)
    {
        var data = ProcessVariables.ToJson(variables);
        return new RuleOutcome(_rule.Evaluate(data), _rule.MissingIn(data));
    }

    public override string ToString() => Text;
}

/// <summary>The value a rule gave and the variables it read that were absent.</summary>
public sealed record RuleOutcome(JsonNode? Value, IReadOnlyList<string> MissingVariables)
{
    public bool Holds => JsonLogicEvaluator.Truthy(Value);
}
