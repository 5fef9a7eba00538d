using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Processes;

/// <summary>
/// Process variables: top-level names with JSON values. <see cref="JsonElement"/> is immutable, so events
/// and state can share values safely.
/// </summary>
public static class ProcessVariables
{
    public static readonly IReadOnlyDictionary<string, JsonElement> None = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Variables from an object's properties, e.g. <c>From(new { age = 30 })</c> or a dictionary.</summary>
    public static IReadOnlyDictionary<string, JsonElement> From(object values)
    {
        var element = JsonSerializer.SerializeToElement(values);
        if (element.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("Process variables must be a JSON object.", nameof(values));
        return element.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    public static JsonElement ToElement(JsonNode? value) => JsonSerializer.SerializeToElement(value);

    internal static ImmutableDictionary<string, JsonElement> Merge(ImmutableDictionary<string, JsonElement> variables, IReadOnlyDictionary<string, JsonElement>? changes) =>
        changes is null ? variables : variables.SetItems(changes);

    internal static JsonObject ToJson(IReadOnlyDictionary<string, JsonElement> variables)
    {
        var data = new JsonObject();
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            data[name] = JsonSerializer.SerializeToNode(value);
        return data;
    }
}
