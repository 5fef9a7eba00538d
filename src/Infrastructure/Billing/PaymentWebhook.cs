using Dapper;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Billing.Stripe;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ktp.Infrastructure.Billing;

public enum WebhookAnswer { Credited, Duplicate, Ignored, Rejected }

public sealed record WebhookResult(WebhookAnswer Answer, string Message);

/// <summary>
/// The provider's webhook: verified signature first, then the event matched to the checkout we opened;
/// the credit, the event id (dedupe) with its outcome and the checkout's status are written in one transaction.
/// </summary>
public sealed class PaymentWebhook(KtpDatabase db, IPaymentGateway gateway, AccountStream accounts, TenantDirectory directory,
    TimeProvider clock, ILogger<PaymentWebhook> logger)
{
    private sealed class Pending
    {
        public Guid TenantId { get; set; }
        public decimal Amount { get; set; }
        public string Currency { get; set; } = "";
        public string Status { get; set; } = "";
    }

    public async Task<WebhookResult> HandleAsync(string? signature, byte[] body, CancellationToken ct = default)
    {
        StripeWebhookEvent stripeEvent;
        try
        {
            stripeEvent = gateway.ParseWebhook(signature, body);
        }
        catch (Exception e) when (e is StripeSignatureException or StripeWebhookFormatException)
        {
            await RecordFailureAsync(null, e.Message, ct);
            return new(WebhookAnswer.Rejected, e.Message);
        }

        var sessionId = stripeEvent.CheckoutSession?.Id;
        var pending = sessionId is null ? null : await FindCheckoutAsync(sessionId, ct);
        var result = CheckoutWebhookResult.Interpret(stripeEvent,
            pending is null ? null : new PendingCheckout(sessionId!, pending.TenantId.ToString(), Money.Of(pending.Amount.Normalize(), pending.Currency)));

        if (result.Outcome == CheckoutWebhookOutcome.Ignore) return new(WebhookAnswer.Ignored, result.Reason);
        if (result.Outcome == CheckoutWebhookOutcome.Reject)
        {
            await RecordFailureAsync(stripeEvent.Id, result.Reason, ct);
            return new(WebhookAnswer.Rejected, result.Reason);
        }

        await using var uow = await db.BeginTenantAsync(pending!.TenantId, ct);
        var events = await accounts.DecideAsync(uow, result.ToTopUp(clock.GetUtcNow()),
            new EventMetadata(UserName: gateway.Provider, CorrelationId: Guid.NewGuid()), ct);
        // A new event for a checkout already credited (the provider sends completed and async_payment_succeeded, or
        // resends under a new id) adds nothing to the account: it is booked as a duplicate, not as a second credit.
        var credited = events.OfType<AccountToppedUp>().Any();
        var detail = credited ? result.Reason : $"Checkout session {sessionId} was already credited: nothing more credited.";
        try
        {
            await uow.ExecuteAsync("""
                INSERT INTO payment_events (event_id, provider, event_type, outcome, detail) VALUES (@Id, @provider, @Type, @outcome, @detail)
                """, new { stripeEvent.Id, provider = gateway.Provider, stripeEvent.Type, outcome = credited ? "credited" : "duplicate", detail }, ct: ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            logger.LogInformation("Webhook event {EventId} was delivered again; already handled", stripeEvent.Id);
            return new(WebhookAnswer.Duplicate, $"Event {stripeEvent.Id} was already handled.");
        }
        if (!credited)
        {
            await uow.CommitAsync(ct);
            logger.LogInformation("Webhook event {EventId} is for checkout {SessionId}, already credited", stripeEvent.Id, sessionId);
            return new(WebhookAnswer.Duplicate, detail);
        }
        await uow.ExecuteAsync("UPDATE checkout_sessions SET status = 'paid', completed_at = now() WHERE session_id = @sessionId", new { sessionId }, ct: ct);
        var slug = await TenantDirectory.SlugAsync(uow, ct);
        await uow.CommitAsync(ct);
        if (events.OfType<AccountResumed>().Any()) directory.Forget(slug);
        logger.LogInformation("Credited {Amount} to tenant {TenantId} from checkout {SessionId}", result.Amount, pending.TenantId, sessionId);
        return new(WebhookAnswer.Credited, result.Reason);
    }

    /// <summary>The webhook arrives without a tenant: the checkout row tells whose it is (system path).</summary>
    private async Task<Pending?> FindCheckoutAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await db.System.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Pending>(
            "SELECT tenant_id AS TenantId, amount, currency, status FROM checkout_sessions WHERE session_id = @sessionId", new { sessionId });
    }

    private async Task RecordFailureAsync(string? eventId, string reason, CancellationToken ct)
    {
        logger.LogWarning("Payment webhook refused ({EventId}): {Reason}", eventId ?? "no event id", reason);
        await using var connection = await db.System.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("INSERT INTO payment_failures (provider, event_id, reason) VALUES (@provider, @eventId, @reason)",
            new { provider = gateway.Provider, eventId, reason });
    }
}
