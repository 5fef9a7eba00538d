using System.Diagnostics.Metrics;

namespace Ktp.Infrastructure.EventStore;

internal static class EventStoreMetrics
{
    private static readonly Meter Meter = new("Ktp.EventStore");
    private static readonly Counter<long> Appends = Meter.CreateCounter<long>("ktp_eventstore_appended_events", description: "Events appended to the store");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("ktp_eventstore_append_duration", unit: "s", description: "Time to append one batch (statement only)");

    public static void Appended(int count, TimeSpan elapsed)
    {
        Appends.Add(count);
        Duration.Record(elapsed.TotalSeconds);
    }
}
