using System.Globalization;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// One additional attribute of a topic or topic group, as configured for a project.
/// <para><see cref="Code"/> is a latin identifier that names the value in stored inquiries and in rules
/// (<c>{"var": "attributes.contract_no"}</c>). <see cref="Default"/> is text in the stored form of
/// <see cref="AttributeValue"/> (e.g. <c>2025-06-01</c>, <c>12.5</c>, <c>true</c>, an item code).</para>
/// </summary>
public sealed record AttributeDefinition(string Code, string Label, AttributeType Type)
{
    /// <summary>Code of the <see cref="AttributeGroup"/> it is shown in; null for the form's main block.</summary>
    public string? GroupCode { get; init; }

    public string? Default { get; init; }

    public FlagRule Required { get; init; } = FlagRule.Never;
    public FlagRule Hidden { get; init; } = FlagRule.Never;
    public FlagRule ReadOnly { get; init; } = FlagRule.Never;

    /// <summary>Inactive attributes are left off forms; values already stored stay in the inquiry.</summary>
    public bool Active { get; init; } = true;

    /// <summary>For <see cref="AttributeType.Dictionary"/>: which project dictionary.</summary>
    public string? DictionaryCode { get; init; }

    /// <summary>For <see cref="AttributeType.ExternalDictionary"/>: the name of the external source.</summary>
    public string? Source { get; init; }

    /// <summary>For <see cref="AttributeType.DynamicQuery"/>: the named query (run by infrastructure) and its parameters.</summary>
    public string? QueryName { get; init; }

    public IReadOnlyDictionary<string, string>? QueryParameters { get; init; }

    /// <summary>For <see cref="AttributeType.String"/>: the longest allowed text.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For <see cref="AttributeType.Decimal"/>: the allowed range, inclusive.</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>What is wrong with this definition, in words for the administrator; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var name = $"Attribute '{Code}'";
        if (!IsIdentifier(Code))
            problems.Add($"{name}: the code must be a latin identifier (a letter, then letters, digits or '_').");
        if (string.IsNullOrWhiteSpace(Label)) problems.Add($"{name} needs a label.");
        if (!Enum.IsDefined(Type)) problems.Add($"{name} has an unknown type.");
        if (Type == AttributeType.Dictionary && string.IsNullOrWhiteSpace(DictionaryCode))
            problems.Add($"{name} is a dictionary reference and needs the dictionary's code.");
        if (Type == AttributeType.ExternalDictionary && string.IsNullOrWhiteSpace(Source))
            problems.Add($"{name} is an external dictionary and needs the source's name.");
        if (Type == AttributeType.DynamicQuery && string.IsNullOrWhiteSpace(QueryName))
            problems.Add($"{name} is a dynamic query and needs the query's name.");
        if (MaxLength is not null && Type != AttributeType.String)
            problems.Add($"{name}: a maximum length applies to strings only.");
        if (MaxLength is <= 0) problems.Add($"{name}: the maximum length must be positive.");
        if ((Min is not null || Max is not null) && Type != AttributeType.Decimal)
            problems.Add($"{name}: a minimum or maximum applies to decimals only.");
        if (Min > Max) problems.Add($"{name}: the minimum is above the maximum.");
        if (Required is null || Hidden is null || ReadOnly is null)
            problems.Add($"{name}: required, hidden and read-only must each be fixed or a rule.");
        if (!string.IsNullOrWhiteSpace(Default) && Enum.IsDefined(Type))
        {
            if (!AttributeValue.TryParse(Type, Default, out var value))
                problems.Add($"{name}: the default '{Default}' is not {AttributeValue.Expectation(Type)}.");
            else if (Limit(value) is { } limit)
                problems.Add($"{name}: the default {limit.Describe()}.");
        }
        return problems;
    }

    /// <summary>How a value breaks the length or range limits, or null.</summary>
    internal FieldProblem? Limit(AttributeValue? value) => value switch
    {
        AttributeValue.TextValue t when MaxLength is { } max && t.Value.Length > max => new(FieldProblemKind.TooLong, max.ToString(CultureInfo.InvariantCulture)),
        AttributeValue.DecimalValue d when Min is { } min && d.Value < min => new(FieldProblemKind.BelowMin, Format(min)),
        AttributeValue.DecimalValue d when Max is { } max && d.Value > max => new(FieldProblemKind.AboveMax, Format(max)),
        _ => null,
    };

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsIdentifier(string? code) =>
        !string.IsNullOrEmpty(code) && char.IsAsciiLetter(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
