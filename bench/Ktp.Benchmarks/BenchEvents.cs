using Ktp.Infrastructure.Events;

namespace Ktp.Benchmarks;

/// <summary>A stream of the benchmark: opened once, then recorded into; payloads sized like small domain events.</summary>
public sealed record ItemOpened(Guid ItemId, string Title, string Category);
public sealed record ItemRecorded(Guid ItemId, int Amount, string Note, DateTimeOffset At);

public static class BenchEvents
{
    public const string StreamType = "bench.item";
    public const string Opened = "bench.item_opened";
    public const string Recorded = "bench.item_recorded";

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ItemOpened>(Opened)
        .Register<ItemRecorded>(Recorded);

    /// <summary>The events of one append: a new stream starts with <see cref="ItemOpened"/>.</summary>
    public static object[] Batch(Guid stream, bool opensStream, int count, long firstVersion)
    {
        var events = new object[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = opensStream && i == 0
                ? new ItemOpened(stream, "Benchmark item " + stream.ToString("N")[..8], "bench")
                : new ItemRecorded(stream, (int)(firstVersion + i), "recorded by the benchmark", DateTimeOffset.UtcNow);
        }
        return events;
    }
}
