using System.Diagnostics.Metrics;
using Ktp.Infrastructure.Observability;

namespace Ktp.Infrastructure.Tests.Observability;

public sealed class PrometheusTextExporterTests
{
    [Fact]
    public void Counter_is_rendered_with_total_suffix_help_and_type()
    {
        using var metrics = new MetricsHarness();
        var counter = metrics.Meter.CreateCounter<long>("shop.orders", "{order}", "Orders placed.");
        counter.Add(2, new KeyValuePair<string, object?>("channel", "web"));
        counter.Add(1, new KeyValuePair<string, object?>("channel", "web"));
        counter.Add(5, new KeyValuePair<string, object?>("channel", "phone"));

        var text = metrics.Scrape();

        text.ShouldContain("# HELP shop_orders_total Orders placed.\n# TYPE shop_orders_total counter\n");
        text.ShouldContain("shop_orders_total{channel=\"web\"} 3\n");
        text.ShouldContain("shop_orders_total{channel=\"phone\"} 5\n");
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf()
    {
        using var metrics = new MetricsHarness();
        var histogram = metrics.Meter.CreateHistogram<double>(
            "shop.checkout.duration", "s", "Checkout time.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5] });
        histogram.Record(0.5);
        histogram.Record(3);
        histogram.Record(7);

        var text = metrics.Scrape();

        text.ShouldContain(
            "# HELP shop_checkout_duration_seconds Checkout time.\n" +
            "# TYPE shop_checkout_duration_seconds histogram\n" +
            "shop_checkout_duration_seconds_bucket{le=\"1\"} 1\n" +
            "shop_checkout_duration_seconds_bucket{le=\"5\"} 2\n" +
            "shop_checkout_duration_seconds_bucket{le=\"+Inf\"} 3\n" +
            "shop_checkout_duration_seconds_sum 10.5\n" +
            "shop_checkout_duration_seconds_count 3\n");
    }

    [Fact]
    public void Histogram_labels_come_before_le()
    {
        using var metrics = new MetricsHarness();
        var histogram = metrics.Meter.CreateHistogram<double>(
            "shop.size", "By", "Size.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [100] });
        histogram.Record(50, new KeyValuePair<string, object?>("kind", "cart"));

        var text = metrics.Scrape();

        text.ShouldContain("shop_size_bytes_bucket{kind=\"cart\",le=\"100\"} 1\n");
        text.ShouldContain("shop_size_bytes_bucket{kind=\"cart\",le=\"+Inf\"} 1\n");
        text.ShouldContain("shop_size_bytes_sum{kind=\"cart\"} 50\n");
        text.ShouldContain("shop_size_bytes_count{kind=\"cart\"} 1\n");
    }

    [Fact]
    public void Gauges_and_up_down_counters_are_gauges()
    {
        using var metrics = new MetricsHarness();
        metrics.Meter.CreateObservableGauge("shop.queue.depth", () => new Measurement<double>(2.5, new KeyValuePair<string, object?>("queue", "mail")), "{item}", "Queued.");
        var open = metrics.Meter.CreateUpDownCounter<long>("shop.sessions", "{session}", "Open sessions.");
        open.Add(3);
        open.Add(-1);

        var text = metrics.Scrape();

        text.ShouldContain("# TYPE shop_queue_depth gauge\nshop_queue_depth{queue=\"mail\"} 2.5\n");
        text.ShouldContain("# TYPE shop_sessions gauge\nshop_sessions 2\n");
        text.ShouldNotContain("shop_sessions_total");
    }

    [Fact]
    public void Label_values_and_help_are_escaped()
    {
        using var metrics = new MetricsHarness();
        var counter = metrics.Meter.CreateCounter<long>("shop.odd", null, "Help with \\ and\nnewline.");
        counter.Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        var text = metrics.Scrape();

        text.ShouldContain("# HELP shop_odd_total Help with \\\\ and\\nnewline.\n");
        text.ShouldContain("shop_odd_total{path=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    [Fact]
    public void Names_and_label_names_are_sanitised()
    {
        using var metrics = new MetricsHarness();
        var counter = metrics.Meter.CreateCounter<double>("shop.bytes-sent", "By", "Sent.");
        counter.Add(1.5, new KeyValuePair<string, object?>("http.route", "/x"));

        var text = metrics.Scrape();

        text.ShouldContain("shop_bytes_sent_bytes_total{http_route=\"/x\"} 1.5\n");
    }

    [Fact]
    public void Each_scrape_collects_fresh_values()
    {
        using var metrics = new MetricsHarness();
        var counter = metrics.Meter.CreateCounter<long>("shop.hits", null, "Hits.");
        counter.Add(1);
        metrics.Scrape().ShouldContain("shop_hits_total 1\n");

        counter.Add(1);

        metrics.Scrape().ShouldContain("shop_hits_total 2\n");
    }

    [Fact]
    public void Scrape_without_a_provider_explains_the_problem()
    {
        var exporter = new PrometheusTextExporter();

        Should.Throw<InvalidOperationException>(() => exporter.Scrape()).Message.ShouldContain("MeterProvider");
    }

    [Theory]
    [InlineData("http.server.request.duration", "s", false, false, "http_server_request_duration_seconds")]
    [InlineData("ktp.http.requests", "{request}", true, false, "ktp_http_requests_total")]
    [InlineData("ktp_http_requests_total", null, true, false, "ktp_http_requests_total")]
    [InlineData("ktp.eventstore.append.duration", "s", false, false, "ktp_eventstore_append_duration_seconds")]
    [InlineData("ktp.cpu.utilization", "1", false, true, "ktp_cpu_utilization_ratio")]
    [InlineData("net.throughput", "By/s", false, true, "net_throughput_bytes_per_second")]
    [InlineData("9lives", null, false, true, "_9lives")]
    public void Metric_names_follow_prometheus_conventions(string name, string? unit, bool counter, bool gauge, string expected)
    {
        PrometheusNames.MetricName(name, unit, counter, gauge).ShouldBe(expected);
    }
}
