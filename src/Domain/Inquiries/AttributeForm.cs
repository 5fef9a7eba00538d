using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// A topic's attributes evaluated for one inquiry: values typed and checked, defaults applied, and the
/// required / hidden / read-only flags resolved (rules read <see cref="FormContext.ToRuleData"/>).
/// </summary>
public sealed class AttributeForm
{
    private AttributeForm(IReadOnlyList<AttributeField> fields) => Fields = fields;

    /// <summary>One field per active definition, in the definitions' order.</summary>
    public IReadOnlyList<AttributeField> Fields { get; }

    public AttributeField this[string code] =>
        Fields.FirstOrDefault(f => f.Code == code) ?? throw new KeyNotFoundException($"The form has no attribute '{code}'.");

    /// <summary>
    /// Evaluates <paramref name="definitions"/> (usually <see cref="TopicCatalog.EffectiveAttributes"/>) over
    /// <paramref name="values"/> in their stored text form. A code missing from <paramref name="values"/>
    /// takes the definition's default; a code present with null or blank text is empty. Values of codes
    /// without an active definition are ignored. Text that does not fit the type is reported by
    /// <see cref="Validate"/> and reads as null in rules.
    /// </summary>
    public static AttributeForm Evaluate(
        IEnumerable<AttributeDefinition> definitions, IReadOnlyDictionary<string, string?> values, FormContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(values);
        var active = new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var definition in definitions.Where(d => d.Active))
        {
            if (!active.ContainsKey(definition.Code)) order.Add(definition.Code);
            active[definition.Code] = definition;
        }

        var parsed = order.Select(code => Parse(active[code], values)).ToList();
        var data = (context ?? FormContext.Empty).ToRuleData(parsed.Select(p => KeyValuePair.Create(p.Definition.Code, p.Value)));
        var fields = parsed.Select(p => p with
        {
            Required = p.Definition.Required.IsSetFor(data),
            Hidden = p.Definition.Hidden.IsSetFor(data),
            ReadOnly = p.Definition.ReadOnly.IsSetFor(data),
        }).ToList();
        return new AttributeForm(fields);
    }

    /// <summary>Field errors keyed by attribute code: wrong type, required but empty, too long, out of range.</summary>
    public IReadOnlyDictionary<string, string[]> Validate() =>
        Fields.Where(f => f.Error is not null).ToDictionary(f => f.Code, f => new[] { f.Error! }, StringComparer.Ordinal);

    /// <summary>Every field's stored text, the empty string for an empty field.</summary>
    public IReadOnlyDictionary<string, string> StoredValues() =>
        Fields.ToDictionary(f => f.Code, f => f.Value?.Serialize() ?? f.Text?.Trim() ?? "", StringComparer.Ordinal);

    internal void AddErrorsTo(Validation validation)
    {
        foreach (var field in Fields)
            if (field.Error is { } error) validation.Add(field.Code, error);
    }

    private static AttributeField Parse(AttributeDefinition definition, IReadOnlyDictionary<string, string?> values)
    {
        var given = values.TryGetValue(definition.Code, out var text);
        if (!given) text = definition.Default;
        var typeError = AttributeValue.TryParse(definition.Type, text, out var value)
            ? null
            : $"Attribute '{definition.Label}' expects {AttributeValue.Expectation(definition.Type)}.";
        return new AttributeField(definition, text, value, !given, false, false, false, typeError);
    }
}
