using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Ktp.Domain.Billing;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>
/// The few Stripe calls top-ups need, over <see cref="HttpClient"/> in Stripe's own wire format: form-encoded
/// requests with bracketed keys, a Bearer secret key, an Idempotency-Key, JSON answers, amounts in minor units
/// and lower-case currency codes.
/// </summary>
public sealed class StripeClient(HttpClient http, StripeOptions options, TimeProvider time) : IPaymentGateway
{
    private readonly StripeSignatureVerifier _verifier = new(options, time);

    public string Provider => "stripe";

    public async Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Amount.IsPositive) throw new BillingException($"A top-up must be more than zero, not {request.Amount}.");
        if (string.IsNullOrWhiteSpace(request.TenantRef)) throw new ArgumentException("A checkout needs the tenant it credits.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey)) throw new ArgumentException("A checkout needs an idempotency key.", nameof(request));
        RequireAbsolute(request.SuccessUrl, "success");
        RequireAbsolute(request.CancelUrl, "cancel");

        var form = new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["line_items[0][price_data][currency]"] = request.Amount.Currency.Code.ToLowerInvariant(),
            ["line_items[0][price_data][unit_amount]"] = request.Amount.ToMinorUnits().ToString(CultureInfo.InvariantCulture),
            ["line_items[0][price_data][product_data][name]"] = request.Description,
            ["line_items[0][quantity]"] = "1",
            ["success_url"] = request.SuccessUrl,
            ["cancel_url"] = request.CancelUrl,
            ["client_reference_id"] = request.TenantRef,
            ["metadata[tenant_id]"] = request.TenantRef,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint("v1/checkout/sessions")) { Content = new FormUrlEncodedContent(form) };
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        var (session, status, requestId) = await SendForSessionAsync(message, ct);
        var amount = session.Amount
            ?? throw new StripeApiException(status, "api_error", $"Session {session.Id} has no amount_total or an unknown currency.", null, null, requestId);
        if (!Uri.TryCreate(session.Url, UriKind.Absolute, out var url))
            throw new StripeApiException(status, "api_error", $"Session {session.Id} has no checkout url.", null, null, requestId);
        return new CheckoutSession(session.Id, url, amount, session.PaymentStatus, session.Status, session.ClientReferenceId);
    }

    /// <summary>Reads a checkout session back, e.g. to reconcile one whose webhook never arrived.</summary>
    public async Task<StripeCheckoutSessionObject> GetCheckoutSessionAsync(string sessionId, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, Endpoint("v1/checkout/sessions/" + Uri.EscapeDataString(sessionId)));
        return (await SendForSessionAsync(message, ct)).Session;
    }

    public StripeWebhookEvent ParseWebhook(string? signatureHeader, ReadOnlySpan<byte> payload)
    {
        _verifier.Verify(signatureHeader, payload);
        return StripeWebhookEvent.Parse(payload);
    }

    private async Task<(StripeCheckoutSessionObject Session, System.Net.HttpStatusCode Status, string? RequestId)> SendForSessionAsync(
        HttpRequestMessage message, CancellationToken ct)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
        using var response = await http.SendAsync(message, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode) throw StripeApiException.From(response.StatusCode, body, requestId);

        try
        {
            using var document = JsonDocument.Parse(body);
            return (StripeCheckoutSessionObject.From(document.RootElement), response.StatusCode, requestId);
        }
        catch (Exception e) when (e is JsonException or StripeWebhookFormatException or InvalidOperationException)
        {
            throw StripeApiException.From(response.StatusCode, body, requestId);
        }
    }

    private Uri Endpoint(string path) => new(options.BaseUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);

    private static void RequireAbsolute(string url, string which)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The {which} URL must be an absolute http(s) URL, not '{url}'.");
    }
}
