using System.Text.Json;
using Ktp.Domain.Billing;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>The webhook body is not a Stripe event (not JSON, or no id or type).</summary>
public sealed class StripeWebhookFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A Stripe event as delivered to a webhook endpoint: <c>{"id":"evt_…","type":"…","data":{"object":{…}}}</c>.
/// For checkout session events (<c>checkout.session.*</c>) the session is read into <see cref="CheckoutSession"/>.
/// </summary>
public sealed record StripeWebhookEvent(
    string Id, string Type, DateTimeOffset? Created, bool Livemode, string? Account,
    string? RequestId, string? RequestIdempotencyKey, string? DataObjectType, string? DataObjectId,
    StripeCheckoutSessionObject? CheckoutSession)
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";

    /// <exception cref="StripeWebhookFormatException">Not JSON, or not shaped like a Stripe event.</exception>
    public static StripeWebhookEvent Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new StripeWebhookFormatException($"The webhook body is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new StripeWebhookFormatException("The webhook body is not a JSON object.");
            var id = Text(root, "id") ?? throw new StripeWebhookFormatException("The webhook event has no id.");
            var type = Text(root, "type") ?? throw new StripeWebhookFormatException($"The webhook event {id} has no type.");

            string? requestId = null, idempotencyKey = null;
            if (root.TryGetProperty("request", out var request))
            {
                if (request.ValueKind == JsonValueKind.String) requestId = request.GetString(); // API versions before 2017-05-25
                else if (request.ValueKind == JsonValueKind.Object)
                {
                    requestId = Text(request, "id");
                    idempotencyKey = Text(request, "idempotency_key");
                }
            }

            JsonElement? dataObject = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var obj) && obj.ValueKind == JsonValueKind.Object ? obj : null;
            var objectType = dataObject is { } o1 ? Text(o1, "object") : null;
            var session = dataObject is { } o2 && (objectType == "checkout.session" || type.StartsWith("checkout.session.", StringComparison.Ordinal))
                ? StripeCheckoutSessionObject.From(o2)
                : null;

            return new StripeWebhookEvent(
                id, type,
                root.TryGetProperty("created", out var created) && created.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                root.TryGetProperty("livemode", out var live) && live.ValueKind == JsonValueKind.True,
                Text(root, "account"), requestId, idempotencyKey, objectType,
                dataObject is { } o3 ? Text(o3, "id") : null, session);
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The fields of a Checkout Session that top-ups use, as Stripe sends them (amounts in minor units, currency lower-case).</summary>
public sealed record StripeCheckoutSessionObject(
    string Id, long? AmountTotal, string? Currency, string? ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata, string? PaymentStatus, string? Status, string? PaymentIntent, string? Url)
{
    /// <summary>The total as money; null when the session has no total or the currency is unknown.</summary>
    public Money? Amount =>
        AmountTotal is { } minor && Ktp.Domain.Billing.Currency.TryOf(Currency, out var currency)
            ? Money.FromMinorUnits(minor, currency)
            : null;

    public bool IsPaid => PaymentStatus is "paid" or "no_payment_required";

    internal static StripeCheckoutSessionObject From(JsonElement session)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (session.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
            foreach (var property in meta.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) metadata[property.Name] = property.Value.GetString()!;
        var text = (string name) => StripeWebhookEvent.Text(session, name);
        return new StripeCheckoutSessionObject(
            text("id") ?? throw new StripeWebhookFormatException("The checkout session in the event has no id."),
            session.TryGetProperty("amount_total", out var total) && total.TryGetInt64(out var minor) ? minor : null,
            text("currency"), text("client_reference_id"), metadata, text("payment_status"), text("status"),
            session.TryGetProperty("payment_intent", out var pi) && pi.ValueKind == JsonValueKind.Object
                ? StripeWebhookEvent.Text(pi, "id")
                : text("payment_intent"),
            text("url"));
    }
}
