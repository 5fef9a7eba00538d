using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projections;
using Marten;

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

    /// <summary>A Marten store as the app configures it; its own connection (the system role) serves only its daemon.</summary>
    public static IDocumentStore Marten(Ktp.Testing.TestDatabase? db = null, EventTypeRegistry? registry = null, params IAsyncProjection[] projections) =>
        DocumentStore.For(opts =>
        {
            MartenEventStore.ConfigureSchema(opts, db?.Options.BuildSystemConnectionString() ?? Ktp.Testing.TestDatabase.ServerConnectionString);
            (registry ?? Registry()).ConfigureMarten(opts);
            AsyncProjections.Configure(opts, projections);
        });

    public static Ktp.Infrastructure.Events.EventStore Store(params IInlineProjection[] inline) =>
        new(Marten(), Registry(), inline);
}
