using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Ktp.Web.Api;

/// <summary>
/// The edge's checks on a deserialized request body, before any use case sees it: required (non-nullable) fields are
/// present, every text is at most its field's length (<see cref="MaxLengthAttribute"/>, else <see cref="DefaultMaxLength"/>)
/// and holds no control characters other than tab and line breaks, nor a broken UTF-16 pair. PostgreSQL refuses NUL
/// and over-long index keys with an error, so these must be answered here as the caller's mistake.
/// </summary>
public static class RequestBodyInspector
{
    public const int DefaultMaxLength = 4000;
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, FieldRule[]> Rules = new();

    private sealed record FieldRule(PropertyInfo Property, string Name, bool Required, int MaxLength);

    /// <summary>Field path (camelCase, as the caller wrote it) → messages; empty when the body is fine.</summary>
    public static Dictionary<string, string[]> Inspect(object? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is not null) Visit(body, "", DefaultMaxLength, errors, 0);
        return errors;
    }

    private static void Visit(object value, string path, int maxLength, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > MaxDepth) return;
        switch (value)
        {
            case string text:
                if (CheckText(text, maxLength) is { } problem) errors[path] = [problem];
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key as string ?? entry.Key.ToString() ?? "";
                    var itemPath = Join(path, key);
                    if (CheckText(key, 200) is { } keyProblem) { errors[Join(path, "(key)")] = [keyProblem]; continue; }
                    if (entry.Value is not null) Visit(entry.Value, itemPath, maxLength, errors, depth + 1);
                }
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null) Visit(item, $"{path}[{index}]", maxLength, errors, depth + 1);
                    index++;
                }
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return;
        foreach (var rule in Rules.GetOrAdd(type, RulesOf))
        {
            var field = Join(path, rule.Name);
            var fieldValue = rule.Property.GetValue(value);
            if (fieldValue is null)
            {
                if (rule.Required) errors[field] = ["This field is required."];
                continue;
            }
            Visit(fieldValue, field, rule.MaxLength, errors, depth + 1);
        }
    }

    private static string? CheckText(string text, int maxLength)
    {
        if (text.Length > maxLength) return $"At most {maxLength} characters.";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return "The text holds a broken character (an unpaired UTF-16 surrogate).";
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return $"The text holds a control character (U+{(int)c:X4}).";
        }
        return null;
    }

    private static FieldRule[] RulesOf(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .Select(p => new FieldRule(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Required: !p.PropertyType.IsValueType && nullability.Create(p).ReadState == NullabilityState.NotNull,
                MaxLength: p.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? p.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength ?? DefaultMaxLength))
            .ToArray();
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
