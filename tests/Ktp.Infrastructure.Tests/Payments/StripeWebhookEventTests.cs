using System.Text;
using Ktp.Domain.Billing;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing.Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>What the gateway reads from a verified event: Stripe.net parses, <see cref="StripeWebhookEvent"/> keeps what top-ups use.</summary>
public class StripeWebhookEventTests
{
    private const string Secret = "whsec_x";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1750000000);

    internal static byte[] CompletedEvent(string sessionId = "cs_test_1", long amountTotal = 50000, string currency = "rub",
        string tenant = "tenant-1", string paymentStatus = "paid", string type = "checkout.session.completed") =>
        Encoding.UTF8.GetBytes($$"""
        {
          "id": "evt_1Q", "object": "event", "api_version": "2024-06-20", "created": 1750000000, "livemode": false,
          "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "{{type}}",
          "data": {"object": {
            "id": "{{sessionId}}", "object": "checkout.session", "amount_subtotal": {{amountTotal}}, "amount_total": {{amountTotal}},
            "currency": "{{currency}}", "client_reference_id": "{{tenant}}", "metadata": {"tenant_id": "{{tenant}}"},
            "mode": "payment", "payment_intent": "pi_123", "payment_status": "{{paymentStatus}}", "status": "complete", "url": null
            }
          }
        }
        """);

    /// <summary>Signs the body now and reads it through the gateway, as the webhook endpoint does.</summary>
    internal static StripeWebhookEvent Read(byte[] body) =>
        new StripeGateway(new StripeOptions { WebhookSecret = Secret }, new TestClock(Now)).ParseWebhook(FakeWebhookSignature.Header(Secret, Now, body), body);

    [Fact]
    public void Checkout_session_completed_is_read_with_its_session()
    {
        var e = Read(CompletedEvent());

        e.Id.ShouldBe("evt_1Q");
        e.Type.ShouldBe("checkout.session.completed");
        var session = e.CheckoutSession.ShouldNotBeNull();
        session.Id.ShouldBe("cs_test_1");
        session.AmountTotal.ShouldBe(50000);
        session.Amount.ShouldBe(Money.Of(500m, "RUB"));
        session.ClientReferenceId.ShouldBe("tenant-1");
        session.Metadata["tenant_id"].ShouldBe("tenant-1");
        session.PaymentStatus.ShouldBe("paid");
        session.IsPaid.ShouldBeTrue();
    }

    [Fact]
    public void Stripe_sdk_fixture_event_is_read_without_a_checkout_session()
    {
        var e = Read(StripeFixtures.Bytes("event_test_signature.json"));

        e.Id.ShouldBe("evt_123");
        e.Type.ShouldBe("customer.created");
        e.CheckoutSession.ShouldBeNull();
    }

    [Fact]
    public void Event_with_a_request_id_as_a_plain_string_is_read()
    {
        Read(StripeFixtures.Bytes("event.customer.updated.json")).Type.ShouldBe("customer.updated");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type": "checkout.session.completed"}""")]
    [InlineData("""{"id": "evt_1"}""")]
    public void Signed_body_that_is_not_a_stripe_event_is_rejected(string body)
    {
        Should.Throw<StripeWebhookFormatException>(() => Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Signed_body_that_is_not_utf8_is_rejected()
    {
        Should.Throw<StripeWebhookFormatException>(() => Read([0x7b, 0xff, 0xfe, 0x7d]));
    }
}
