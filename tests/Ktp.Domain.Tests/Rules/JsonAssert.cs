using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Tests.Rules;

/// <summary>Deep JSON equality where numbers compare by value (1 equals 1.0).</summary>
internal static class JsonAssert
{
    public static void ShouldEqualJson(this JsonNode? actual, JsonNode? expected) =>
        DeepEquals(actual, expected).ShouldBeTrue(
            $"expected {expected?.ToJsonString() ?? "null"} but got {actual?.ToJsonString() ?? "null"}");

    private static bool DeepEquals(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(pair => DeepEquals(pair.First, pair.Second)),
        (JsonObject x, JsonObject y) => x.Count == y.Count
            && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && DeepEquals(p.Value, other)),
        (JsonValue x, JsonValue y) => ValuesEqual(x, y),
        _ => false,
    };

    private static bool ValuesEqual(JsonValue x, JsonValue y)
    {
        var kind = x.GetValueKind();
        if (kind != y.GetValueKind())
            return false;
        return kind switch
        {
            JsonValueKind.Number => Number(x) == Number(y),
            JsonValueKind.String => x.GetValue<string>() == y.GetValue<string>(),
            _ => true, // true, false, null: the kind is the value
        };
    }

    // Via the JSON text, so values built in code (int, decimal, ...) compare too.
    private static double Number(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
