using Ktp.Domain.Billing;

namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>A checkout this platform opened and is waiting to be paid.</summary>
public sealed record PendingCheckout(string SessionId, string TenantRef, Money Amount);

public enum CheckoutWebhookOutcome
{
    /// <summary>Credit the account: the session is ours, paid, and matches what was asked.</summary>
    Credit,
    /// <summary>Nothing to do (another event type, or not paid yet); answer 200 so Stripe stops retrying.</summary>
    Ignore,
    /// <summary>Something is wrong (unknown session, amount or tenant differs); credit nothing, log and alert.</summary>
    Reject,
}

/// <summary>What a verified webhook event means for top-ups. <see cref="PaymentId"/> (the session id) is the top-up's dedupe key.</summary>
public sealed record CheckoutWebhookResult(CheckoutWebhookOutcome Outcome, string Reason, string EventId, string? TenantRef = null, Money? Amount = null, string? PaymentId = null)
{
    /// <summary>The account command for a <see cref="CheckoutWebhookOutcome.Credit"/>.</summary>
    public TopUp ToTopUp(DateTimeOffset at) => Outcome == CheckoutWebhookOutcome.Credit
        ? new TopUp(Amount!, "stripe", PaymentId!, at)
        : throw new InvalidOperationException($"Webhook {EventId} credits nothing: {Reason}");

    /// <summary>Reads a verified event against the pending checkout with the event's session id (null if there is none).</summary>
    public static CheckoutWebhookResult Interpret(StripeWebhookEvent @event, PendingCheckout? pending)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event.Type is not (StripeWebhookEvent.CheckoutSessionCompleted or StripeWebhookEvent.CheckoutSessionAsyncPaymentSucceeded)
            || @event.CheckoutSession is not { } session)
            return new(CheckoutWebhookOutcome.Ignore, $"Event type {@event.Type} does not credit accounts.", @event.Id);
        if (pending is null || pending.SessionId != session.Id)
            return new(CheckoutWebhookOutcome.Reject, $"Unknown checkout session {session.Id}: nothing credited.", @event.Id);
        if (!session.IsPaid)
            return new(CheckoutWebhookOutcome.Ignore, $"Checkout session {session.Id} is not paid yet ({session.PaymentStatus}).", @event.Id);
        if (session.ClientReferenceId != pending.TenantRef)
            return new(CheckoutWebhookOutcome.Reject,
                $"Checkout session {session.Id} names tenant '{session.ClientReferenceId}', but was opened for '{pending.TenantRef}': nothing credited.", @event.Id);
        if (session.Amount != pending.Amount)
            return new(CheckoutWebhookOutcome.Reject,
                $"Checkout session {session.Id} paid {session.Amount?.ToString() ?? $"{session.AmountTotal} {session.Currency}"}, but was opened for {pending.Amount}: nothing credited.", @event.Id);
        return new(CheckoutWebhookOutcome.Credit, $"Paid checkout session {session.Id}.", @event.Id, pending.TenantRef, pending.Amount, session.Id);
    }
}
