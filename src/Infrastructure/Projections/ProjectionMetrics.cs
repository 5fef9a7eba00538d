using System.Diagnostics.Metrics;
using Ktp.Infrastructure.Observability;

namespace Ktp.Infrastructure.Projections;

internal static class ProjectionMetrics
{
    private static readonly Counter<long> Events = KtpMetrics.Meter.CreateCounter<long>(
        "ktp.projection.processed", "{event}", "Events read by async projections.");

    public static void Processed(string projection, int count) =>
        Events.Add(count, new KeyValuePair<string, object?>("projection", projection));
}
