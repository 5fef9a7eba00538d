namespace Ktp.Domain.Inquiries;

/// <summary>
/// One attribute as the inquiry form shows it: its value and its flags resolved for the current data.
/// </summary>
/// <param name="Text">The text given or stored (or the default's); null or blank when empty.</param>
/// <param name="Value">The parsed value; null when empty or when <paramref name="Text"/> does not fit the type.</param>
/// <param name="IsDefault">No value was given or stored, so the default applies.</param>
/// <param name="TypeError">Set when <paramref name="Text"/> is not a value of the attribute's type.</param>
public sealed record AttributeField(
    AttributeDefinition Definition,
    string? Text,
    AttributeValue? Value,
    bool IsDefault,
    bool Required,
    bool Hidden,
    bool ReadOnly,
    string? TypeError)
{
    public string Code => Definition.Code;

    public bool IsEmpty => Value is null && TypeError is null;

    /// <summary>What is wrong with the field, or null. Hidden attributes are never required.</summary>
    public string? Error
    {
        get
        {
            var name = $"Attribute '{Definition.Label}'";
            if (TypeError is not null) return TypeError;
            if (Value is null) return Required && !Hidden ? $"{name} is required." : null;
            return Definition.LimitProblem(Value) is { } problem ? $"{name} {problem}." : null;
        }
    }
}
