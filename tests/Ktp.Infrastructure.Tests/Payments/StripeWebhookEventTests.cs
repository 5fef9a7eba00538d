using System.Text;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

public class StripeWebhookEventTests
{
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

    [Fact]
    public void Checkout_session_completed_is_read_with_its_session()
    {
        var e = StripeWebhookEvent.Parse(CompletedEvent());

        e.Id.ShouldBe("evt_1Q");
        e.Type.ShouldBe("checkout.session.completed");
        e.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1750000000));
        var session = e.CheckoutSession.ShouldNotBeNull();
        session.Id.ShouldBe("cs_test_1");
        session.AmountTotal.ShouldBe(50000);
        session.Amount.ShouldBe(Money.Of(500m, "RUB"));
        session.ClientReferenceId.ShouldBe("tenant-1");
        session.Metadata["tenant_id"].ShouldBe("tenant-1");
        session.PaymentStatus.ShouldBe("paid");
        session.PaymentIntent.ShouldBe("pi_123");
        session.IsPaid.ShouldBeTrue();
    }

    [Fact]
    public void Stripe_sdk_fixture_event_is_read()
    {
        var e = StripeWebhookEvent.Parse(StripeFixtures.Bytes("event_test_signature.json"));

        e.Id.ShouldBe("evt_123");
        e.Type.ShouldBe("customer.created");
        e.Account.ShouldBe("acct_123");
        e.DataObjectType.ShouldBe("customer");
        e.DataObjectId.ShouldBe("cus_123");
        e.CheckoutSession.ShouldBeNull();
    }

    [Fact]
    public void Event_with_a_request_id_as_a_plain_string_is_read()
    {
        var e = StripeWebhookEvent.Parse(StripeFixtures.Bytes("event.customer.updated.json"));

        e.Type.ShouldBe("customer.updated");
        e.DataObjectId.ShouldBe("cus_DjL8lObxrWj04W");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type": "checkout.session.completed"}""")]
    [InlineData("""{"id": "evt_1"}""")]
    public void Body_that_is_not_a_stripe_event_is_rejected(string body)
    {
        Should.Throw<StripeWebhookFormatException>(() => StripeWebhookEvent.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Parse_webhook_verifies_before_reading()
    {
        var options = new StripeOptions { WebhookSecret = "whsec_x" };
        var now = DateTimeOffset.FromUnixTimeSeconds(1750000000);
        var gateway = new StripeClient(new HttpClient(), options, new TestClock(now));
        var body = CompletedEvent();

        gateway.ParseWebhook(StripeSignatureVerifier.CreateHeader("whsec_x", now, body), body).Id.ShouldBe("evt_1Q");
        Should.Throw<StripeSignatureException>(() => gateway.ParseWebhook(StripeSignatureVerifier.CreateHeader("whsec_y", now, body), body));
        Should.Throw<StripeSignatureException>(() => gateway.ParseWebhook(null, body)).Failure.ShouldBe(SignatureFailure.MissingHeader);
    }
}
