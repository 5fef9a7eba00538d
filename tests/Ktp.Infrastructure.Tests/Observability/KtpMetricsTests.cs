using Ktp.Infrastructure.Observability;

namespace Ktp.Infrastructure.Tests.Observability;

[Collection(KtpMetricsCollection.Name)]
public sealed class KtpMetricsTests
{
    [Fact]
    public async Task Instruments_appear_under_their_prometheus_names()
    {
        await using var metrics = await MetricsHarness.StartAsync(KtpMetrics.MeterName);
        KtpMetrics.RecordAppend(3, 0.004);

        var text = await metrics.ScrapeAsync();

        text.ShouldContain("# TYPE ktp_eventstore_appends_total counter\n");
        text.ShouldContain("ktp_eventstore_appends_total{otel_scope_name=\"Ktp\"} 3\n");
        text.ShouldContain("# TYPE ktp_eventstore_append_duration_seconds histogram\n");
        text.ShouldContain("ktp_eventstore_append_duration_seconds_bucket{otel_scope_name=\"Ktp\",le=\"0.005\"} 1\n");
    }

    [Fact]
    public async Task Projection_lag_reports_registered_sources_until_disposed()
    {
        await using var metrics = await MetricsHarness.StartAsync(KtpMetrics.MeterName);
        var registration = KtpMetrics.RegisterProjectionLag(() =>
            [KtpMetrics.ProjectionLagOf("inquiry_list", 7), KtpMetrics.ProjectionLagOf("sla_board", 0)]);
        using var failing = KtpMetrics.RegisterProjectionLag(() => throw new InvalidOperationException("db down"));

        var text = await metrics.ScrapeAsync();
        registration.Dispose();
        var after = await metrics.ScrapeAsync();

        text.ShouldContain("# TYPE ktp_projection_lag_events gauge\n");
        text.ShouldContain("ktp_projection_lag_events{otel_scope_name=\"Ktp\",projection=\"inquiry_list\"} 7\n");
        text.ShouldContain("ktp_projection_lag_events{otel_scope_name=\"Ktp\",projection=\"sla_board\"} 0\n");
        after.ShouldNotContain("projection=\"inquiry_list\"");
    }

    [Fact]
    public async Task Outbox_backlog_is_the_sum_of_its_sources()
    {
        await using var metrics = await MetricsHarness.StartAsync(KtpMetrics.MeterName);
        using var first = KtpMetrics.RegisterOutboxBacklog(() => 4);
        using var second = KtpMetrics.RegisterOutboxBacklog(() => 6);

        var text = await metrics.ScrapeAsync();

        text.ShouldContain("# TYPE ktp_outbox_backlog gauge\n");
        text.ShouldContain("ktp_outbox_backlog{otel_scope_name=\"Ktp\"} 10\n");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KtpMetricsCollection
{
    // The KtpMetrics instruments are static: these tests run one at a time and alone, so that no event store
    // test appending in parallel adds to the counts they read.
    public const string Name = "KtpMetrics";
}
