using System.Text;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing.Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>The gateway's webhook verification (Stripe.net's <c>EventUtility.ConstructEvent</c>) against an independently signed header.</summary>
public class StripeGatewayWebhookTests
{
    private const string Secret = "whsec_test_secret";
    private const string BadSignature =
        "The expected signature was not found in the Stripe-Signature header. Make sure you're using the correct webhook secret (whsec_) and confirm the incoming request came from Stripe.";
    private const string OutsideTolerance = "The webhook cannot be processed because the current timestamp is outside of the allowed tolerance.";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"checkout.session.completed"}""");

    private static StripeGateway Gateway(DateTimeOffset now, int toleranceSeconds = 300) =>
        new(new StripeOptions { WebhookSecret = Secret, ToleranceSeconds = toleranceSeconds }, new TestClock(now));

    private static string Header(DateTimeOffset signedAt, string secret = Secret) => FakeWebhookSignature.Header(secret, signedAt, Body);

    [Fact]
    public void Signed_body_within_tolerance_is_accepted()
    {
        Gateway(SignedAt.AddSeconds(299)).ParseWebhook(Header(SignedAt), Body).Id.ShouldBe("evt_1");
        Gateway(SignedAt.AddSeconds(-300)).ParseWebhook(Header(SignedAt), Body).Id.ShouldBe("evt_1");
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"checkout.session.completed" }""");

        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt).ParseWebhook(Header(SignedAt), tampered)).Message.ShouldBe(BadSignature);
    }

    [Fact]
    public void Wrong_secret_is_rejected()
    {
        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt).ParseWebhook(Header(SignedAt, "whsec_someone_else"), Body))
            .Message.ShouldBe(BadSignature);
    }

    [Fact]
    public void Webhook_replayed_after_300_seconds_is_rejected()
    {
        var error = Should.Throw<StripeSignatureException>(() => Gateway(SignedAt.AddSeconds(301)).ParseWebhook(Header(SignedAt), Body));

        error.Message.ShouldBe(OutsideTolerance);
        error.InnerException.ShouldBeOfType<Stripe.StripeException>();
    }

    [Fact]
    public void Timestamp_too_far_in_the_future_is_rejected()
    {
        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt).ParseWebhook(Header(SignedAt.AddSeconds(301)), Body)).Message.ShouldBe(OutsideTolerance);
    }

    [Fact]
    public void Timestamp_in_the_header_cannot_be_changed_without_breaking_the_signature()
    {
        var header = Header(SignedAt).Replace($"t={SignedAt.ToUnixTimeSeconds()}", $"t={SignedAt.AddMinutes(10).ToUnixTimeSeconds()}");

        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt.AddMinutes(10)).ParseWebhook(header, Body)).Message.ShouldBe(BadSignature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("t=yesterday,v1=abc")]
    [InlineData("t=1750000000")]
    [InlineData("t=1750000000,v1=not-hex")]
    public void Missing_or_malformed_header_is_rejected(string? header)
    {
        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt).ParseWebhook(header, Body));
    }

    [Fact]
    public void Tolerance_comes_from_the_options()
    {
        Should.Throw<StripeSignatureException>(() => Gateway(SignedAt.AddSeconds(11), toleranceSeconds: 10).ParseWebhook(Header(SignedAt), Body))
            .Message.ShouldBe(OutsideTolerance);
    }
}
