using System.Net;
using System.Text;
using System.Text.Json;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>Stripe answered with an error: <c>{"error":{"type":…,"message":…,"code":…,"param":…}}</c>.</summary>
public sealed class StripeApiException(HttpStatusCode status, string type, string message, string? code, string? param, string? requestId)
    : Exception($"Stripe {(int)status} {type}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>api_error, card_error, idempotency_error, invalid_request_error …</summary>
    public string Type { get; } = type;

    public string StripeMessage { get; } = message;
    public string? Code { get; } = code;
    public string? Param { get; } = param;
    public string? RequestId { get; } = requestId;

    internal static StripeApiException From(HttpStatusCode status, byte[] body, string? requestId)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                return new StripeApiException(status,
                    StripeWebhookEvent.Text(error, "type") ?? "api_error",
                    StripeWebhookEvent.Text(error, "message") ?? "(no message)",
                    StripeWebhookEvent.Text(error, "code"), StripeWebhookEvent.Text(error, "param"), requestId);
        }
        catch (JsonException)
        {
        }
        var text = Encoding.UTF8.GetString(body);
        return new StripeApiException(status, "api_error", $"Unexpected response: {(text.Length > 200 ? text[..200] : text)}", null, null, requestId);
    }
}
