using System.Diagnostics.Metrics;

namespace Ktp.Infrastructure.Projections;

internal static class ProjectionMetrics
{
    private static readonly Meter Meter = new("Ktp.Projections");
    private static readonly Counter<long> Events = Meter.CreateCounter<long>("ktp_projection_processed_events", description: "Events read by async projections");

    public static void Processed(string projection, int count) =>
        Events.Add(count, new KeyValuePair<string, object?>("projection", projection));

    public static void ObserveLag(Func<IEnumerable<Measurement<long>>> lag) =>
        Meter.CreateObservableGauge("ktp_projection_lag_events", lag, description: "Events not yet applied by each projection (leader's view)");
}
