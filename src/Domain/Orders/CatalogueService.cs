using System.Text.RegularExpressions;
using Ktp.Domain.Common;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Orders;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ParameterType>))]
public enum ParameterType { Text, Number, Flag, Date }

/// <summary>A value an order gives a service ("tariff", "address"); <paramref name="Code"/> is how rules name it.</summary>
public sealed record ServiceParameter(string Code, string Name, ParameterType Type, bool Required = false);

/// <summary>
/// A task the service needs when <paramref name="Condition"/> (JsonLogic over <c>order</c>, <c>service</c> and
/// <c>customer</c>) holds; an empty condition: always. The process reads the outcome as <c>tasks.&lt;code&gt;</c>.
/// </summary>
public sealed record TaskRule(string Code, string Name, string? Condition = null);

/// <summary>
/// A service of the tenant's catalogue: its parameters, the process (a deployed BPMN definition key) that
/// carries it out, and the rules that decide which tasks an ordered service needs.
/// </summary>
public sealed partial record CatalogueService(
    string Code, string Name, string ProcessKey, IReadOnlyList<ServiceParameter> Parameters, IReadOnlyList<TaskRule> TaskRules)
{
    public string? Description { get; init; }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex CodePattern();

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>Names every problem with the field it concerns; throws when there is any.</summary>
    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        if (!IsCode(Code)) Add("code", "Latin lower-case letters, digits and _, starting with a letter, at most 40.");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200) Add("name", "A name of 1 to 200 characters.");
        if (string.IsNullOrWhiteSpace(ProcessKey)) Add("processKey", "Choose the process that carries the service out.");
        CheckCodes(Parameters.Select(p => p.Code), "parameters", Add);
        foreach (var p in Parameters.Where(p => string.IsNullOrWhiteSpace(p.Name))) Add($"parameters.{p.Code}", "A parameter needs a name.");
        CheckCodes(TaskRules.Select(r => r.Code), "taskRules", Add);
        foreach (var rule in TaskRules)
        {
            if (string.IsNullOrWhiteSpace(rule.Name)) Add($"taskRules.{rule.Code}", "A task needs a name.");
            if (string.IsNullOrWhiteSpace(rule.Condition)) continue;
            try { JsonLogicRule.Parse(rule.Condition); }
            catch (JsonLogicParseException e) { Add($"taskRules.{rule.Code}", $"The condition is not a rule: {e.Message}"); }
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private static void CheckCodes(IEnumerable<string> codes, string field, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!IsCode(code)) add(field, $"\"{code}\": latin lower-case letters, digits and _, starting with a letter.");
            else if (!seen.Add(code)) add(field, $"\"{code}\" is used twice.");
        }
    }
}
