using System.Text;
using System.Text.Json;
using Ktp.Domain.Billing;
using Stripe;
using Stripe.Checkout;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>
/// Top-ups through Stripe.net: checkout sessions with <see cref="SessionService"/> against
/// <see cref="StripeOptions.BaseUrl"/> (Stripe, or the fake Stripe in development), webhooks verified and read by
/// <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>.
/// </summary>
public sealed class StripeGateway(StripeOptions options, TimeProvider time, HttpClient? http = null) : IPaymentGateway
{
    public const string SignatureHeader = "Stripe-Signature";

    // Stripe signs the body's bytes; bytes that are not UTF-8 could not round-trip through the string Stripe.net verifies.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Made on first checkout: verifying webhooks needs no API key.
    private readonly Lazy<SessionService> _sessions = new(() => new SessionService(new global::Stripe.StripeClient(
        options.SecretKey, apiBase: options.BaseUrl.TrimEnd('/'), httpClient: http is null ? null : new SystemNetHttpClient(http))));

    public string Provider => "stripe";

    public async Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Amount.IsPositive) throw new BillingException($"A top-up must be more than zero, not {request.Amount}.");
        if (string.IsNullOrWhiteSpace(request.TenantRef)) throw new ArgumentException("A checkout needs the tenant it credits.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey)) throw new ArgumentException("A checkout needs an idempotency key.", nameof(request));
        RequireAbsolute(request.SuccessUrl, "success");
        RequireAbsolute(request.CancelUrl, "cancel");

        var session = await _sessions.Value.CreateAsync(SessionOptions(request), new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
        var read = StripeCheckoutSessionObject.From(session);
        var amount = read.Amount ?? throw new StripeException($"Checkout session {session.Id} has no amount_total or an unknown currency.");
        if (!Uri.TryCreate(session.Url, UriKind.Absolute, out var url)) throw new StripeException($"Checkout session {session.Id} has no checkout url.");
        return new CheckoutSession(session.Id, url, amount, session.PaymentStatus, session.Status, session.ClientReferenceId);
    }

    public StripeWebhookEvent ParseWebhook(string? signatureHeader, ReadOnlySpan<byte> payload)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) throw new StripeSignatureException($"The webhook has no {SignatureHeader} header.");
        string json;
        try
        {
            json = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException e)
        {
            throw new StripeWebhookFormatException("The webhook body is not UTF-8.", e);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signatureHeader, options.WebhookSecret, options.ToleranceSeconds,
                time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or FormatException or OverflowException)
        {
            throw new StripeSignatureException(e.Message, e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new StripeWebhookFormatException($"The webhook body is not a Stripe event: {e.Message}", e);
        }
        return StripeWebhookEvent.From(stripeEvent);
    }

    /// <summary>One line item of the amount, in minor units with a lower-case currency, as Stripe expects.</summary>
    private static SessionCreateOptions SessionOptions(CheckoutRequest request) => new()
    {
        Mode = "payment",
        LineItems =
        [
            new SessionLineItemOptions
            {
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = request.Amount.Currency.Code.ToLowerInvariant(),
                    UnitAmount = request.Amount.ToMinorUnits(),
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                },
                Quantity = 1,
            },
        ],
        SuccessUrl = request.SuccessUrl,
        CancelUrl = request.CancelUrl,
        ClientReferenceId = request.TenantRef,
        Metadata = new Dictionary<string, string> { ["tenant_id"] = request.TenantRef },
    };

    private static void RequireAbsolute(string url, string which)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The {which} URL must be an absolute http(s) URL, not '{url}'.");
    }
}
