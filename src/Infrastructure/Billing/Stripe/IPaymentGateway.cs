using Ktp.Domain.Billing;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>A hosted payment page for <paramref name="Amount"/>, crediting the account of <paramref name="TenantRef"/>.</summary>
/// <param name="SuccessUrl">Where the payer returns after paying; may contain Stripe's <c>{CHECKOUT_SESSION_ID}</c> template.</param>
/// <param name="IdempotencyKey">Same key, same session: lets a retried request after a timeout not open a second one.</param>
public sealed record CheckoutRequest(
    Money Amount, string TenantRef, string SuccessUrl, string CancelUrl, string IdempotencyKey, string Description = "Account top-up");

/// <summary>A created checkout session: send the payer to <paramref name="RedirectUrl"/>.</summary>
public sealed record CheckoutSession(string Id, Uri RedirectUrl, Money Amount, string? PaymentStatus, string? Status, string? ClientReferenceId);

/// <summary>Top-ups through a payment provider's hosted checkout. The account is credited only from the verified webhook.</summary>
public interface IPaymentGateway
{
    /// <summary>Name stored with each top-up (<c>stripe</c>).</summary>
    string Provider { get; }

    /// <exception cref="global::Stripe.StripeException">The provider refused the request or answered without a usable session.</exception>
    Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct = default);

    /// <summary>Verifies the signature header against the raw body, then reads the event.</summary>
    /// <exception cref="StripeSignatureException">The signature is missing, does not hold, or is outside the tolerance.</exception>
    /// <exception cref="StripeWebhookFormatException">The body is not an event.</exception>
    StripeWebhookEvent ParseWebhook(string? signatureHeader, ReadOnlySpan<byte> payload);
}
