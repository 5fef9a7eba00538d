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
    public FieldProblem? Problem
    {
        get
        {
            if (TypeError is not null) return new FieldProblem(FieldProblemKind.WrongType, AttributeValue.Expectation(Definition.Type));
            if (Value is null) return Required && !Hidden ? new FieldProblem(FieldProblemKind.Required) : null;
            return Definition.Limit(Value);
        }
    }

    /// <summary>The problem as a sentence naming the attribute (for API errors and logs), or null.</summary>
    public string? Error => Problem switch
    {
        null => null,
        { Kind: FieldProblemKind.WrongType } => TypeError,
        { Kind: FieldProblemKind.Required } => $"Attribute '{Definition.Label}' is required.",
        { } limit => $"Attribute '{Definition.Label}' {limit.Describe()}.",
    };
}

public enum FieldProblemKind { WrongType, Required, TooLong, BelowMin, AboveMax }

/// <summary>What is wrong with an attribute's value; <paramref name="Detail"/> is the expected kind of value or the limit broken.</summary>
public sealed record FieldProblem(FieldProblemKind Kind, string? Detail = null)
{
    /// <summary>"is longer than 20 characters", "must be at least 5", …</summary>
    public string Describe() => Kind switch
    {
        FieldProblemKind.WrongType => $"expects {Detail}",
        FieldProblemKind.Required => "is required",
        FieldProblemKind.TooLong => $"is longer than {Detail} characters",
        FieldProblemKind.BelowMin => $"must be at least {Detail}",
        _ => $"must be at most {Detail}",
    };
}
