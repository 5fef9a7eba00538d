using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Stripe;
using static Ktp.Infrastructure.Tests.Payments.StripeWebhookEventTests;

namespace Ktp.Infrastructure.Tests.Payments;

public class CheckoutWebhookTests
{
    private static readonly PendingCheckout Pending = new("cs_test_1", "tenant-1", Money.Of(500m, "RUB"));

    private static CheckoutWebhookResult Interpret(byte[] body, PendingCheckout? pending) =>
        CheckoutWebhookResult.Interpret(Read(body), pending);

    [Fact]
    public void Paid_session_matching_the_pending_checkout_credits_the_account()
    {
        var result = Interpret(CompletedEvent(), Pending);

        result.Outcome.ShouldBe(CheckoutWebhookOutcome.Credit);
        result.ToTopUp(DateTimeOffset.UnixEpoch).ShouldBe(new TopUp(Money.Of(500m, "RUB"), "stripe", "cs_test_1", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Webhook_for_an_unknown_session_credits_nothing()
    {
        var result = Interpret(CompletedEvent(sessionId: "cs_test_unknown"), pending: null);

        result.Outcome.ShouldBe(CheckoutWebhookOutcome.Reject);
        result.Reason.ShouldBe("Unknown checkout session cs_test_unknown: nothing credited.");
        Should.Throw<InvalidOperationException>(() => result.ToTopUp(DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData(49900L, "rub", "tenant-1")]
    [InlineData(50000L, "usd", "tenant-1")]
    [InlineData(50000L, "rub", "tenant-2")]
    public void Session_paid_for_another_amount_currency_or_tenant_credits_nothing(long amount, string currency, string tenant)
    {
        Interpret(CompletedEvent(amountTotal: amount, currency: currency, tenant: tenant), Pending).Outcome.ShouldBe(CheckoutWebhookOutcome.Reject);
    }

    [Fact]
    public void Unpaid_session_and_other_event_types_are_ignored()
    {
        Interpret(CompletedEvent(paymentStatus: "unpaid"), Pending).Outcome.ShouldBe(CheckoutWebhookOutcome.Ignore);
        Interpret(CompletedEvent(type: "checkout.session.expired"), Pending).Outcome.ShouldBe(CheckoutWebhookOutcome.Ignore);
        CheckoutWebhookResult.Interpret(Read(StripeFixtures.Bytes("event_test_signature.json")), Pending)
            .Outcome.ShouldBe(CheckoutWebhookOutcome.Ignore);
    }

    [Fact]
    public void Asynchronous_payment_success_credits_too()
    {
        Interpret(CompletedEvent(type: "checkout.session.async_payment_succeeded"), Pending).Outcome.ShouldBe(CheckoutWebhookOutcome.Credit);
    }
}
