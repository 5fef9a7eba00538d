using System.Globalization;
using System.Text.Json.Nodes;

namespace Ktp.Domain.Routing;

/// <summary>
/// The document route rules are evaluated against. Rules read it with <c>{"var": "…"}</c>:
/// <code>
/// { "topic": "billing.refund", "kind": "complaint", "channel": "email", "priority": "high",
///   "attributes": { "amount": 1200, "contract": "A-17" },
///   "customer": { "category": "business", "vip": true },
///   "time": { "hour": 14, "weekday": 3 } }
/// </code>
/// <c>time.hour</c> is 0–23 and <c>time.weekday</c> 1 (Monday) to 7 (Sunday), both read from
/// <paramref name="now"/> as given: pass it in the tenant's local time (BusinessCalendar.ToLocal).
/// </summary>
public static class RoutingData
{
    /// <param name="attributes">
    /// Topic attribute values by attribute code: null, string, bool, int, long, decimal, double, DateOnly
    /// (written yyyy-MM-dd), DateTimeOffset (ISO 8601), a sequence of strings (several choices) or a JsonNode.
    /// </param>
    /// <exception cref="ArgumentException">An attribute value has a type with no JSON form here.</exception>
    public static JsonObject Build(
        string topicCode, string kind, string channel, string priority,
        IReadOnlyDictionary<string, object?>? attributes,
        string? customerCategory, bool vip, DateTimeOffset now)
    {
        var values = new JsonObject();
        foreach (var (code, value) in attributes ?? new Dictionary<string, object?>())
            values[code] = ToJson(code, value);

        return new JsonObject
        {
            ["topic"] = topicCode,
            ["kind"] = kind,
            ["channel"] = channel,
            ["priority"] = priority,
            ["attributes"] = values,
            ["customer"] = new JsonObject { ["category"] = customerCategory, ["vip"] = vip },
            ["time"] = new JsonObject { ["hour"] = now.Hour, ["weekday"] = IsoWeekday(now.DayOfWeek) },
        };
    }

    private static int IsoWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    private static JsonNode? ToJson(string code, object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => text,
        bool flag => flag,
        int number => number,
        long number => number,
        decimal number => number,
        double number => number,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable<string> choices => new JsonArray([.. choices.Select(c => (JsonNode?)c)]),
        _ => throw new ArgumentException($"Attribute '{code}' has a value of type {value.GetType().Name}, which routing cannot read.", nameof(value)),
    };
}
