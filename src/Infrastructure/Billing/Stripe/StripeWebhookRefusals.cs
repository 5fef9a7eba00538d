namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>A webhook whose Stripe-Signature header does not prove it came from Stripe, now (missing, malformed, wrong or too old).</summary>
public sealed class StripeSignatureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The webhook body is not a Stripe event (not UTF-8 JSON, or no id or type).</summary>
public sealed class StripeWebhookFormatException(string message, Exception? inner = null) : Exception(message, inner);
