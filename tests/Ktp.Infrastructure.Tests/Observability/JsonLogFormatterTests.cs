using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Ktp.Infrastructure.Tests.Observability;

public sealed class JsonLogFormatterTests
{
    private static readonly Regex Rfc3339Milliseconds = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");

    [Fact]
    public void Each_event_is_one_line_of_json_with_the_required_fields()
    {
        var line = Format(logger => logger.Information("Inquiry {InquiryId} opened", 42));

        line.ShouldEndWith("\n");
        line.TrimEnd('\n').ShouldNotContain("\n");
        var json = Parse(line);
        json.GetProperty("level").GetString().ShouldBe("info");
        json.GetProperty("type").GetString().ShouldBe("app");
        json.GetProperty("service_name").GetString().ShouldBe("ktp-test");
        json.GetProperty("message").GetString().ShouldBe("Inquiry 42 opened");
        json.GetProperty("props").GetProperty("InquiryId").GetInt32().ShouldBe(42);
        json.TryGetProperty("exception", out _).ShouldBeFalse();
        json.TryGetProperty("ip", out _).ShouldBeFalse();
    }

    [Fact]
    public void Timestamp_has_millisecond_precision()
    {
        var moment = new DateTimeOffset(2026, 11, 21, 23, 1, 2, 345, TimeSpan.FromHours(3)).AddTicks(6789);
        var logEvent = new LogEvent(moment, LogEventLevel.Information, null, MessageTemplate.Empty, []);

        var json = Parse(Render(logEvent));

        var timestamp = json.GetProperty("timestamp").GetString()!;
        timestamp.ShouldBe("2026-11-21T20:01:02.345Z");
        Rfc3339Milliseconds.IsMatch(timestamp).ShouldBeTrue();
        Rfc3339Milliseconds.IsMatch(Parse(Format(logger => logger.Information("now"))).GetProperty("timestamp").GetString()!)
            .ShouldBeTrue();
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, "trace")]
    [InlineData(LogEventLevel.Debug, "debug")]
    [InlineData(LogEventLevel.Information, "info")]
    [InlineData(LogEventLevel.Warning, "warn")]
    [InlineData(LogEventLevel.Error, "error")]
    [InlineData(LogEventLevel.Fatal, "fatal")]
    public void Levels_are_lowercase_short_names(LogEventLevel level, string expected)
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, level, null, MessageTemplate.Empty, []);

        Parse(Render(logEvent)).GetProperty("level").GetString().ShouldBe(expected);
    }

    [Fact]
    public void Quotes_newlines_and_cyrillic_survive_escaping()
    {
        var text = "He said \"hi\"\r\nand left\t\\ Привет </script>";

        var line = Format(logger => logger.Information("Note: {Text}", text));

        line.TrimEnd('\n').ShouldNotContain("\n");
        line.ShouldContain("Привет");
        var json = Parse(line);
        json.GetProperty("message").GetString().ShouldBe("Note: " + text);
        json.GetProperty("props").GetProperty("Text").GetString().ShouldBe(text);
    }

    [Fact]
    public void Tracing_properties_are_top_level_and_the_rest_go_under_props()
    {
        var line = Format(logger => logger
            .ForContext("operation_id", "4bf92f3577b34da6a3ce929d0e0e4736")
            .ForContext("operation_phase_id", "00f067aa0ba902b7")
            .ForContext("request_id", "req-1")
            .ForContext("status", 201)
            .ForContext("request_length", 512L)
            .ForContext("ip", "10.0.0.7")
            .ForContext("Tenant", "acme")
            .ForContext("Tags", new[] { "a", "b" })
            .Information("done"));

        var json = Parse(line);
        json.GetProperty("operation_id").GetString().ShouldBe("4bf92f3577b34da6a3ce929d0e0e4736");
        json.GetProperty("operation_phase_id").GetString().ShouldBe("00f067aa0ba902b7");
        json.GetProperty("request_id").GetString().ShouldBe("req-1");
        json.GetProperty("status").GetInt32().ShouldBe(201);
        json.GetProperty("request_length").GetInt64().ShouldBe(512);
        json.GetProperty("ip").GetString().ShouldBe("10.0.0.7");
        var props = json.GetProperty("props");
        props.GetProperty("Tenant").GetString().ShouldBe("acme");
        props.GetProperty("Tags").GetArrayLength().ShouldBe(2);
        props.TryGetProperty("status", out _).ShouldBeFalse();
    }

    [Fact]
    public void Exception_is_written_as_a_string()
    {
        var line = Format(logger => logger.Error(new InvalidOperationException("boom \"quoted\""), "Failed"));

        var json = Parse(line);
        json.GetProperty("level").GetString().ShouldBe("error");
        var exception = json.GetProperty("exception");
        exception.ValueKind.ShouldBe(JsonValueKind.String);
        exception.GetString()!.ShouldContain("InvalidOperationException: boom \"quoted\"");
    }

    [Fact]
    public void Category_becomes_type_and_scopes_become_properties()
    {
        var sink = new CapturingSink();
        using var serilog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        var logger = factory.CreateLogger("Ktp.Inquiries");

        using (logger.BeginScope(new Dictionary<string, object?> { ["request_id"] = "r-9", ["TraceId"] = "abc", ["SpanId"] = "def" }))
        {
            logger.LogWarning("Slow {Path}", "/inquiries");
        }

        var json = Parse(Render(sink.Events.Single()));
        json.GetProperty("type").GetString().ShouldBe("Ktp.Inquiries");
        json.GetProperty("level").GetString().ShouldBe("warn");
        json.GetProperty("message").GetString().ShouldBe("Slow /inquiries");
        json.GetProperty("request_id").GetString().ShouldBe("r-9");
        json.GetProperty("operation_id").GetString().ShouldBe("abc");
        json.GetProperty("operation_phase_id").GetString().ShouldBe("def");
        var props = json.GetProperty("props");
        props.TryGetProperty("SourceContext", out _).ShouldBeFalse();
        props.TryGetProperty("TraceId", out _).ShouldBeFalse();
        props.GetProperty("Path").GetString().ShouldBe("/inquiries");
    }

    [Fact]
    public void Formatting_ignores_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("ru-RU");
        try
        {
            var json = Parse(Format(logger => logger.Information("Took {Elapsed} ms", 12.5)));

            json.GetProperty("message").GetString().ShouldBe("Took 12.5 ms");
            json.GetProperty("props").GetProperty("Elapsed").GetDouble().ShouldBe(12.5);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string Format(Action<Serilog.ILogger> log)
    {
        var sink = new CapturingSink();
        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger())
        {
            log(logger);
        }

        return Render(sink.Events.Single());
    }

    private static string Render(LogEvent logEvent)
    {
        using var output = new StringWriter();
        new JsonLogFormatter("ktp-test").Format(logEvent, output);
        return output.ToString();
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private sealed class CapturingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
