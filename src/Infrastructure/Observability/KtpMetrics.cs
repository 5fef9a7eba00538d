using System.Diagnostics.Metrics;

namespace Ktp.Infrastructure.Observability;

/// <summary>
/// The application's instruments. Names follow OpenTelemetry (dots, unit in <c>unit</c>, no suffixes);
/// OpenTelemetry's Prometheus exporter turns <c>ktp.eventstore.appends</c> into <c>ktp_eventstore_appends_total</c>.
/// HTTP requests are measured by ASP.NET Core itself (<c>http_server_request_duration_seconds</c>).
/// </summary>
public static class KtpMetrics
{
    public const string MeterName = "Ktp";

    /// <summary>Bucket bounds (seconds) for latency histograms, as ASP.NET Core uses.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly CallbackList<IEnumerable<Measurement<long>>> ProjectionLagSources = new();
    private static readonly CallbackList<long> OutboxBacklogSources = new();

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> EventStoreAppends = Meter.CreateCounter<long>(
        "ktp.eventstore.appends", "{event}", "Events appended to the event store.");

    public static readonly Histogram<double> EventStoreAppendDuration = Meter.CreateHistogram(
        "ktp.eventstore.append.duration", "s", "Time to append one batch of events.", null, SecondsAdvice());

    public static readonly ObservableGauge<long> ProjectionLag = Meter.CreateObservableGauge(
        "ktp.projection.lag.events", ObserveProjectionLag, "{event}", "Events not yet applied, by projection.");

    public static readonly ObservableGauge<long> OutboxBacklog = Meter.CreateObservableGauge(
        "ktp.outbox.backlog", ObserveOutboxBacklog, "{message}", "Messages due and not handled yet.");

    public static void RecordAppend(int events, double seconds)
    {
        EventStoreAppends.Add(events);
        EventStoreAppendDuration.Record(seconds);
    }

    /// <summary>
    /// Adds a source of projection lag; each measurement should carry a <c>projection</c> tag
    /// (see <see cref="ProjectionLagOf"/>). Dispose the result to remove the source.
    /// </summary>
    public static IDisposable RegisterProjectionLag(Func<IEnumerable<Measurement<long>>> observe)
    {
        ArgumentNullException.ThrowIfNull(observe);
        return ProjectionLagSources.Add(() => observe().ToList());
    }

    /// <summary>Adds a source of outbox backlog; the gauge reports the sum of all sources.</summary>
    public static IDisposable RegisterOutboxBacklog(Func<long> observe) => OutboxBacklogSources.Add(observe);

    public static Measurement<long> ProjectionLagOf(string projection, long lag) =>
        new(lag, new KeyValuePair<string, object?>("projection", projection));

    private static IEnumerable<Measurement<long>> ObserveProjectionLag() =>
        ProjectionLagSources.Invoke().SelectMany(measurements => measurements);

    private static IEnumerable<Measurement<long>> ObserveOutboxBacklog()
    {
        var values = OutboxBacklogSources.Invoke();
        return values.Count == 0 ? [] : [new Measurement<long>(values.Sum())];
    }

    private static InstrumentAdvice<double> SecondsAdvice() => new() { HistogramBucketBoundaries = SecondsBuckets };
}
