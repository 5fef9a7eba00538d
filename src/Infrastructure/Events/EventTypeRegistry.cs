using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Services.Json.Transformations.SystemTextJson;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// Maps event classes to stable stored names (<c>inquiry.registered</c>). Stored events are never
/// rewritten: an old shape is carried to the current one by an upcaster when Marten reads it.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];
    private readonly Dictionary<string, Action<StoreOptions>> _upcasters = new(StringComparer.Ordinal);

    public EventTypeRegistry Register<T>(string name) where T : class => Register(typeof(T), name);

    public EventTypeRegistry Register(IEnumerable<KeyValuePair<Type, string>> names)
    {
        foreach (var (type, name) in names) Register(type, name);
        return this;
    }

    public EventTypeRegistry Register(Type type, string name)
    {
        if (_byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event name '{name}' is already used by {existing.Name}.");
        _byName[name] = type;
        _byType[type] = name;
        return this;
    }

    /// <summary>Reads events stored as <paramref name="oldName"/> as <typeparamref name="TCurrent"/> after transforming their data.</summary>
    public EventTypeRegistry AddUpcaster<TCurrent>(string oldName, Func<JsonObject, JsonObject> upcast) where TCurrent : class
    {
        _upcasters[oldName] = opts => opts.Events.Upcast<TCurrent>(oldName, JsonTransformations.Upcast(doc =>
            upcast(JsonNode.Parse(doc.RootElement.GetRawText())!.AsObject()).Deserialize<TCurrent>(Json)
            ?? throw new InvalidOperationException($"Upcasting '{oldName}' gave no data.")));
        return this;
    }

    public IEnumerable<KeyValuePair<Type, string>> All => _byType;

    public bool IsRegistered(string name) => _byName.ContainsKey(name) || _upcasters.ContainsKey(name);

    public string NameOf(object @event) =>
        _byType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{@event.GetType().Name} is not a registered event type.");

    /// <summary>The stored JSON of an event (what Marten writes, camelCase); bulk loaders and tests use it.</summary>
    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);

    public (string Name, object Data) Deserialize(string storedName, string json) =>
        _byName.TryGetValue(storedName, out var type)
            ? (storedName, JsonSerializer.Deserialize(json, type, Json) ?? throw new InvalidOperationException($"Event '{storedName}' has empty data."))
            : throw new UnknownEventTypeException(storedName);

    /// <summary>Maps every name to Marten and adds the upcasters.</summary>
    public void ConfigureMarten(StoreOptions opts)
    {
        foreach (var (type, name) in _byType) opts.Events.MapEventType(type, name);
        foreach (var upcaster in _upcasters.Values) upcaster(opts);
    }
}
