namespace Ktp.Web.Components.Conditions;

/// <summary>
/// A data field a condition can read (e.g. "attributes.outage_days"), the name people know it by, and for fields
/// with a short fixed set of values (channel, kind) those values by name.
/// </summary>
public sealed record FieldOption(string Path, string Name, IReadOnlyList<Choice>? Values = null);

/// <summary>A value to choose from a list: stored <paramref name="Value"/> (a code or id), shown <paramref name="Text"/>.</summary>
public sealed record Choice(string Value, string Text);
