using JasperFx.Events.Daemon;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projections;
using Marten;

namespace Ktp.Benchmarks;

/// <summary>Marten's store configured as <c>KtpServices.AddKtpEventStore</c> configures it: the system role, the registry's event names, the async projections.</summary>
public static class BenchMarten
{
    public static DocumentStore Create(DatabaseOptions options, EventTypeRegistry registry, params IAsyncProjection[] asyncProjections) =>
        new(Options(options, registry, asyncProjections));

    public static StoreOptions Options(DatabaseOptions options, EventTypeRegistry registry, params IAsyncProjection[] asyncProjections)
    {
        var opts = new StoreOptions();
        MartenEventStore.ConfigureSchema(opts, options.BuildSystemConnectionString());
        registry.ConfigureMarten(opts);
        AsyncProjections.Configure(opts, asyncProjections);
        // What AddAsyncDaemon(HotCold) sets on a node with workers. No coordinator runs here: the catch-up phase builds its own daemon.
        opts.Projections.AsyncMode = DaemonMode.HotCold;
        return opts;
    }

    /// <summary>What Marten writes in <c>mt_events.mt_dotnet_type</c> for an event class.</summary>
    public static string DotnetType(Type eventType) => $"{eventType.FullName}, {eventType.Assembly.GetName().Name}";
}
