using System.Text.Json;
using System.Text.Json.Serialization;
using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

/// <summary>An id that wraps a non-empty <see cref="Guid"/>; stored and sent as the plain Guid string.</summary>
public interface ITypedId<TSelf> where TSelf : struct, ITypedId<TSelf>
{
    Guid Value { get; }

    /// <exception cref="ValidationFailedException">The Guid is empty.</exception>
    static abstract TSelf From(Guid value);
}

/// <summary>Parsing and checks shared by the typed ids.</summary>
public static class TypedId
{
    /// <exception cref="ValidationFailedException">The text is not a Guid, or is the empty Guid.</exception>
    public static T Parse<T>(string? text) where T : struct, ITypedId<T> =>
        TryParse<T>(text, out var id)
            ? id
            : throw new ValidationFailedException(FieldOf<T>(), $"'{text}' is not a valid {typeof(T).Name}.");

    public static bool TryParse<T>(string? text, out T id) where T : struct, ITypedId<T>
    {
        id = default;
        if (!Guid.TryParse(text, out var value) || value == Guid.Empty) return false;
        id = T.From(value);
        return true;
    }

    internal static Guid NotEmpty<T>(Guid value) =>
        value != Guid.Empty ? value : throw new ValidationFailedException(FieldOf<T>(), $"{typeof(T).Name} must not be empty.");

    private static string FieldOf<T>() => char.ToLowerInvariant(typeof(T).Name[0]) + typeof(T).Name[1..];
}

/// <summary>Writes a typed id as its Guid string and reads it back, refusing empty or malformed ids.</summary>
public sealed class TypedIdJsonConverter<T> : JsonConverter<T> where T : struct, ITypedId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TypedId.TryParse<T>(text, out var id) ? id : throw new JsonException($"Expected a non-empty Guid for {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
