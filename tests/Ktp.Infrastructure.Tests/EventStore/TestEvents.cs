using Ktp.Infrastructure.EventStore;

namespace Ktp.Infrastructure.Tests.EventStore;

public sealed record CounterOpened(string Title);
public sealed record CounterIncremented(int By);
public sealed record CounterRenamed(string NewTitle);

public static class TestEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<CounterOpened>("test.counter_opened")
        .Register<CounterIncremented>("test.counter_incremented")
        .Register<CounterRenamed>("test.counter_renamed");

    public static Ktp.Infrastructure.EventStore.EventStore Store(params IInlineProjection[] inline) =>
        new(Registry(), inline, new EventStoreSignal());
}
