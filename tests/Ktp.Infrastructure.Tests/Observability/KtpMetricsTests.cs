using Ktp.Infrastructure.Observability;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class KtpMetricsTests
{
    [Fact]
    public void Instruments_appear_under_their_prometheus_names()
    {
        using var metrics = new MetricsHarness(KtpMetrics.MeterName);
        KtpMetrics.RecordAppend(3, 0.004);
        KtpMetrics.RecordHttpRequest("GET", "/inquiries/{id}", 200, 0.03);

        var text = metrics.Scrape();

        text.ShouldContain("# TYPE ktp_eventstore_appends_total counter\nktp_eventstore_appends_total 3\n");
        text.ShouldContain("# TYPE ktp_eventstore_append_duration_seconds histogram\n");
        text.ShouldContain("ktp_eventstore_append_duration_seconds_bucket{le=\"0.005\"} 1\n");
        text.ShouldContain("ktp_http_requests_total{method=\"GET\",route=\"/inquiries/{id}\",status=\"200\"} 1\n");
        text.ShouldContain("ktp_http_request_duration_seconds_bucket{method=\"GET\",route=\"/inquiries/{id}\",status=\"200\",le=\"0.05\"} 1\n");
    }

    [Fact]
    public void Unknown_http_methods_are_grouped_as_other()
    {
        using var metrics = new MetricsHarness(KtpMetrics.MeterName);
        KtpMetrics.RecordHttpRequest("BREW", "unmatched", 405, 0.001);

        metrics.Scrape().ShouldContain("ktp_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"405\"} 1\n");
    }

    [Fact]
    public void Projection_lag_reports_registered_sources_until_disposed()
    {
        using var metrics = new MetricsHarness(KtpMetrics.MeterName);
        var registration = KtpMetrics.RegisterProjectionLag(() =>
            [KtpMetrics.ProjectionLagOf("inquiry_list", 7), KtpMetrics.ProjectionLagOf("sla_board", 0)]);
        using var failing = KtpMetrics.RegisterProjectionLag(() => throw new InvalidOperationException("db down"));

        var text = metrics.Scrape();
        registration.Dispose();
        var after = metrics.Scrape();

        text.ShouldContain("# TYPE ktp_projection_lag_events gauge\n");
        text.ShouldContain("ktp_projection_lag_events{projection=\"inquiry_list\"} 7\n");
        text.ShouldContain("ktp_projection_lag_events{projection=\"sla_board\"} 0\n");
        after.ShouldNotContain("projection=\"inquiry_list\"");
    }

    [Fact]
    public void Outbox_backlog_is_the_sum_of_its_sources()
    {
        using var metrics = new MetricsHarness(KtpMetrics.MeterName);
        using var first = KtpMetrics.RegisterOutboxBacklog(() => 4);
        using var second = KtpMetrics.RegisterOutboxBacklog(() => 6);

        metrics.Scrape().ShouldContain("# TYPE ktp_outbox_backlog gauge\nktp_outbox_backlog 10\n");
    }
}

[CollectionDefinition(Name)]
public sealed class KtpMetricsCollection
{
    // Tests that register callbacks on the static KtpMetrics gauges run one at a time.
    public const string Name = "KtpMetrics";
}
