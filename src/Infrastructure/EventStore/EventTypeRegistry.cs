using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktp.Infrastructure.EventStore;

/// <summary>
/// Maps event classes to stable stored names (<c>inquiry.registered</c>) and back. Stored events are
/// never rewritten: an old shape is carried to the current one by upcasters when read.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];
    private readonly Dictionary<string, (string NewName, Func<JsonObject, JsonObject> Upcast)> _upcasters = new(StringComparer.Ordinal);

    public EventTypeRegistry Register<T>(string name) where T : class => Register(typeof(T), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        if (_byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event name '{name}' is already used by {existing.Name}.");
        _byName[name] = type;
        _byType[type] = name;
        return this;
    }

    /// <summary>Reads events stored as <paramref name="oldName"/> as <paramref name="newName"/> after transforming their data.</summary>
    public EventTypeRegistry AddUpcaster(string oldName, string newName, Func<JsonObject, JsonObject> upcast)
    {
        _upcasters[oldName] = (newName, upcast);
        return this;
    }

    public bool IsRegistered(string name) => _byName.ContainsKey(name) || _upcasters.ContainsKey(name);

    public string NameOf(object @event) =>
        _byType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{@event.GetType().Name} is not a registered event type.");

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);

    public (string Name, object Data) Deserialize(string storedName, string json)
    {
        var name = storedName;
        JsonObject? node = null;
        for (var hops = 0; _upcasters.TryGetValue(name, out var upcaster); hops++)
        {
            if (hops > 32) throw new InvalidOperationException($"Upcaster chain from '{storedName}' does not end.");
            node ??= JsonNode.Parse(json)!.AsObject();
            node = upcaster.Upcast(node);
            name = upcaster.NewName;
        }
        if (!_byName.TryGetValue(name, out var type)) throw new UnknownEventTypeException(storedName);
        var data = node is null ? JsonSerializer.Deserialize(json, type, Json) : node.Deserialize(type, Json);
        return (name, data ?? throw new InvalidOperationException($"Event '{storedName}' has empty data."));
    }
}
