using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;

namespace Ktp.Infrastructure.Observability;

/// <summary>
/// Writes each log event as one JSON object on one line, with the fields the operations team expects:
/// timestamp, level, type, service_name, message, ip and the tracing fields; everything else goes
/// under "props".
/// </summary>
public sealed class JsonLogFormatter(string serviceName) : ITextFormatter
{
    // Fields lifted to the top level when present as properties.
    private static readonly string[] TopLevel =
        ["ip", "operation_id", "operation_phase_id", "request_id", "status", "request_length"];

    // ASP.NET Core's own request scope; the trace ids become operation ids, the rest is noise.
    private static readonly HashSet<string> Hidden =
        ["SourceContext", "TraceId", "SpanId", "ParentId", "RequestId", .. TopLevel];

    // Relaxed escaping keeps Cyrillic readable; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var bytes = buffer ??= new ArrayBufferWriter<byte>(1024);
        bytes.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(bytes, WriterOptions))
        {
            Write(json, logEvent);
        }

        output.Write(Encoding.UTF8.GetString(bytes.WrittenSpan));
        output.Write('\n');
    }

    private void Write(Utf8JsonWriter json, LogEvent logEvent)
    {
        var properties = logEvent.Properties;
        json.WriteStartObject();
        json.WriteString("timestamp", FormatTimestamp(logEvent.Timestamp));
        json.WriteString("level", LevelName(logEvent.Level));
        json.WriteString("type", properties.TryGetValue("SourceContext", out var source) ? Raw(source) : "app");
        json.WriteString("service_name", serviceName);
        json.WriteString("message", MessageRenderer.Render(logEvent));

        foreach (var name in TopLevel)
        {
            if (properties.TryGetValue(name, out var value))
            {
                json.WritePropertyName(name);
                JsonPropertyWriter.Write(json, value);
            }
        }

        WriteFallback(json, properties, "operation_id", "TraceId");
        WriteFallback(json, properties, "operation_phase_id", "SpanId");
        WriteProps(json, properties);

        if (logEvent.Exception is not null)
        {
            json.WriteString("exception", logEvent.Exception.ToString());
        }

        json.WriteEndObject();
    }

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warn",
        LogEventLevel.Error => "error",
        _ => "fatal",
    };

    private static void WriteFallback(
        Utf8JsonWriter json, IReadOnlyDictionary<string, LogEventPropertyValue> properties, string name, string fallback)
    {
        if (!properties.ContainsKey(name) && properties.TryGetValue(fallback, out var value))
        {
            json.WriteString(name, Raw(value));
        }
    }

    private static void WriteProps(Utf8JsonWriter json, IReadOnlyDictionary<string, LogEventPropertyValue> properties)
    {
        var started = false;
        foreach (var (name, value) in properties)
        {
            if (Hidden.Contains(name))
            {
                continue;
            }

            if (!started)
            {
                json.WriteStartObject("props");
                started = true;
            }

            json.WritePropertyName(name);
            JsonPropertyWriter.Write(json, value);
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }

    private static string Raw(LogEventPropertyValue value) =>
        value is ScalarValue { Value: string text } ? text : value.ToString();
}
