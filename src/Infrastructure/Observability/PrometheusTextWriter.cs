using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Ktp.Infrastructure.Observability;

/// <summary>Renders OpenTelemetry metric points in the Prometheus text exposition format 0.0.4.</summary>
public sealed class PrometheusTextWriter
{
    private readonly Dictionary<string, Family> families = new(StringComparer.Ordinal);
    private readonly List<Family> order = [];

    public static string Render(in Batch<Metric> batch)
    {
        var writer = new PrometheusTextWriter();
        foreach (var metric in batch)
        {
            writer.Add(metric);
        }

        return writer.ToString();
    }

    public void Add(Metric metric)
    {
        var type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => "counter",
            MetricType.LongGauge or MetricType.DoubleGauge => "gauge",
            MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => "gauge",
            MetricType.Histogram => "histogram",
            _ => null, // exponential histograms have no 0.0.4 form
        };
        if (type is null)
        {
            return;
        }

        var name = PrometheusNames.MetricName(metric.Name, metric.Unit, type == "counter", type == "gauge");
        Family? family = null;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            family ??= FamilyFor(name, type, string.IsNullOrWhiteSpace(metric.Description) ? metric.Name : metric.Description);
            if (family is null)
            {
                return; // same name already used by a metric of another type
            }

            var labels = Labels(point.Tags);
            var samples = family.Samples;
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(samples, name, labels, point.GetSumLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(samples, name, labels, Number(point.GetSumDouble()));
                    break;
                case MetricType.LongGauge:
                    Sample(samples, name, labels, point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleGauge:
                    Sample(samples, name, labels, Number(point.GetGaugeLastValueDouble()));
                    break;
                default:
                    Histogram(samples, name, labels, point);
                    break;
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var family in order)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            text.Append(family.Samples);
        }

        return text.ToString();
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    public static string EscapeHelp(string value) => value.Replace("\\", @"\\").Replace("\n", @"\n");

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void Histogram(StringBuilder samples, string name, string labels, in MetricPoint point)
    {
        var separator = labels.Length > 0 ? "," : "";
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var le = $"{labels}{separator}le=\"{Number(bucket.ExplicitBound)}\"";
            Sample(samples, name + "_bucket", le, cumulative.ToString(CultureInfo.InvariantCulture));
        }

        Sample(samples, name + "_sum", labels, Number(point.GetHistogramSum()));
        Sample(samples, name + "_count", labels, point.GetHistogramCount().ToString(CultureInfo.InvariantCulture));
    }

    private static void Sample(StringBuilder samples, string name, string labels, string value)
    {
        samples.Append(name);
        if (labels.Length > 0)
        {
            samples.Append('{').Append(labels).Append('}');
        }

        samples.Append(' ').Append(value).Append('\n');
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var text = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var label = PrometheusNames.LabelName(tag.Key);
            if (label == "le" || !seen.Add(label))
            {
                continue;
            }

            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            text.Append(text.Length > 0 ? "," : "").Append(label).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return text.ToString();
    }

    private Family? FamilyFor(string name, string type, string help)
    {
        if (families.TryGetValue(name, out var existing))
        {
            return existing.Type == type ? existing : null;
        }

        var family = new Family(name, type, help);
        families.Add(name, family);
        order.Add(family);
        return family;
    }

    private sealed record Family(string Name, string Type, string Help)
    {
        public StringBuilder Samples { get; } = new();
    }
}
