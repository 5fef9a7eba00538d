using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace Ktp.Infrastructure.Observability;

/// <summary>Renders a message template with string values unquoted ("GET /x", not "\"GET\" \"/x\"").</summary>
internal static class MessageRenderer
{
    public static string Render(LogEvent logEvent)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken { Format: null, Alignment: null } property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                output.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
            }
        }

        return output.ToString();
    }
}
