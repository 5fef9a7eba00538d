using System.Text.Json;

namespace Ktp.Domain.Tests.Processes;

/// <summary>Compares events (and other records holding collections) by their JSON, since record equality compares collections by reference.</summary>
internal sealed class EventComparer : IEqualityComparer<object>
{
    public static readonly EventComparer Instance = new();

    public static IEqualityComparer<T> ForRecords<T>() => new Typed<T>();

    public new bool Equals(object? x, object? y) => Json(x) == Json(y);

    public int GetHashCode(object obj) => Json(obj).GetHashCode(StringComparison.Ordinal);

    public static string Json(object? value) => value is null ? "null" : value.GetType().Name + JsonSerializer.Serialize(value, value.GetType());

    private sealed class Typed<T> : IEqualityComparer<T>
    {
        public bool Equals(T? x, T? y) => Json(x) == Json(y);

        public int GetHashCode(T obj) => Json(obj).GetHashCode(StringComparison.Ordinal);
    }
}
