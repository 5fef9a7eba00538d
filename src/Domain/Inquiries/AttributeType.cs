using System.Text.Json.Serialization;

namespace Ktp.Domain.Inquiries;

/// <summary>What kind of value a topic attribute holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttributeType>))]
public enum AttributeType
{
    Date,
    Decimal,
    Boolean,
    String,

    /// <summary>An item of one of the project's own dictionaries, by item code.</summary>
    Dictionary,

    /// <summary>An item of a dictionary kept in another system, by item code.</summary>
    ExternalDictionary,

    /// <summary>An item returned by a named query over the tenant's read models, by item code.</summary>
    DynamicQuery,
}

public static class AttributeTypeExtensions
{
    /// <summary>True for the types whose value is an item code of some list.</summary>
    public static bool IsItem(this AttributeType type) =>
        type is AttributeType.Dictionary or AttributeType.ExternalDictionary or AttributeType.DynamicQuery;
}
