using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Tests.Observability;

/// <summary>An ILogger that keeps each entry with its own and its scopes' properties.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<IEnumerable<KeyValuePair<string, object?>>> scopes = [];

    public List<Entry> Entries { get; } = [];

    public IDisposable BeginScope<TState>(TState state) where TState : notnull
    {
        var properties = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        scopes.Add(properties);
        return new Scope(() => scopes.Remove(properties));
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = new Dictionary<string, object?>();
        foreach (var scope in scopes)
        {
            foreach (var (key, value) in scope)
            {
                properties[key] = value;
            }
        }

        if (state is IEnumerable<KeyValuePair<string, object?>> own)
        {
            foreach (var (key, value) in own)
            {
                properties[key] = value;
            }
        }

        Entries.Add(new Entry(logLevel, formatter(state, exception), exception, properties));
    }

    public sealed record Entry(LogLevel Level, string Message, Exception? Exception, Dictionary<string, object?> Properties);

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
