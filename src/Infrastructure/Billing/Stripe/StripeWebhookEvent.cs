using Ktp.Domain.Billing;
using Stripe;
using StripeSession = Stripe.Checkout.Session;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>
/// The part of a verified Stripe event that top-ups read: its id, its type and, for <c>checkout.session.*</c>
/// events, the checkout session.
/// </summary>
public sealed record StripeWebhookEvent(string Id, string Type, StripeCheckoutSessionObject? CheckoutSession)
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";

    /// <exception cref="StripeWebhookFormatException">The event has no id or no type.</exception>
    public static StripeWebhookEvent From(Event stripeEvent)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var id = stripeEvent.Id ?? throw new StripeWebhookFormatException("The webhook event has no id.");
        var type = stripeEvent.Type ?? throw new StripeWebhookFormatException($"The webhook event {id} has no type.");
        return new(id, type, stripeEvent.Data?.Object is StripeSession session ? StripeCheckoutSessionObject.From(session) : null);
    }
}

/// <summary>The fields of a Checkout Session that top-ups use, as Stripe sends them (amounts in minor units, currency lower-case).</summary>
public sealed record StripeCheckoutSessionObject(
    string Id, long? AmountTotal, string? Currency, string? ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata, string? PaymentStatus, string? Status, string? Url)
{
    /// <summary>The total as money; null when the session has no total or the currency is unknown.</summary>
    public Money? Amount =>
        AmountTotal is { } minor && Ktp.Domain.Billing.Currency.TryOf(Currency, out var currency)
            ? Money.FromMinorUnits(minor, currency)
            : null;

    public bool IsPaid => PaymentStatus is "paid" or "no_payment_required";

    public static StripeCheckoutSessionObject From(StripeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(
            session.Id ?? throw new StripeWebhookFormatException("The checkout session in the event has no id."),
            session.AmountTotal, session.Currency, session.ClientReferenceId,
            session.Metadata ?? new Dictionary<string, string>(), session.PaymentStatus, session.Status, session.Url);
    }
}
