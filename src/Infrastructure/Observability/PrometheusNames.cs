using System.Text;

namespace Ktp.Infrastructure.Observability;

/// <summary>OpenTelemetry instrument names and units to Prometheus metric and label names.</summary>
public static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["min"] = "minutes", ["h"] = "hours", ["d"] = "days",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes",
        ["bit"] = "bits", ["%"] = "percent", ["Hz"] = "hertz", ["Cel"] = "celsius",
    };

    /// <summary>
    /// "ktp.http.requests" (counter) → "ktp_http_requests_total";
    /// "http.server.request.duration" (unit s) → "http_server_request_duration_seconds".
    /// A suffix already present is not added twice.
    /// </summary>
    public static string MetricName(string name, string? unit, bool isCounter, bool isGauge)
    {
        var result = Sanitize(name, allowColon: true);
        var suffix = UnitSuffix(unit, isGauge);
        if (suffix.Length > 0 && !result.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            result += "_" + suffix;
        }

        if (isCounter && !result.EndsWith("_total", StringComparison.Ordinal))
        {
            result += "_total";
        }

        // Prometheus reserves these suffixes for histogram and summary series (promtool rejects them on gauges).
        if (isGauge && (result.EndsWith("_count", StringComparison.Ordinal) || result.EndsWith("_sum", StringComparison.Ordinal) || result.EndsWith("_bucket", StringComparison.Ordinal)))
        {
            result += "_value";
        }

        return result;
    }

    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    /// <summary>"s" → "seconds", "By/s" → "bytes_per_second", "{request}" → "" (annotations carry no unit).</summary>
    public static string UnitSuffix(string? unit, bool isGauge)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.StartsWith('{'))
        {
            return "";
        }

        if (unit == "1")
        {
            return isGauge ? "ratio" : "";
        }

        var slash = unit.IndexOf('/');
        if (slash > 0)
        {
            var per = unit[(slash + 1)..] switch { "s" => "second", "min" => "minute", "h" => "hour", "d" => "day", var other => other };
            var of = UnitSuffix(unit[..slash], isGauge: false);
            return Sanitize(of.Length > 0 ? $"{of}_per_{per}" : $"per_{per}", allowColon: false);
        }

        return Units.TryGetValue(unit, out var known) ? known : Sanitize(unit, allowColon: false).Trim('_');
    }

    /// <summary>Replaces characters outside [a-zA-Z0-9_] (and ':' for metric names) with '_', collapsing repeats.</summary>
    public static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            if (valid)
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
