using System.Text;
using Ktp.Infrastructure.Billing.Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

public class StripeSignatureVerifierTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"checkout.session.completed"}""");

    private static StripeSignatureVerifier Verifier(DateTimeOffset now, string secret = Secret) =>
        new(new StripeOptions { WebhookSecret = secret }, new TestClock(now));

    private static SignatureFailure FailureOf(Action verify)
    {
        try
        {
            verify();
            return SignatureFailure.None;
        }
        catch (StripeSignatureException e)
        {
            return e.Failure;
        }
    }

    [Fact]
    public void Signed_body_within_tolerance_is_accepted()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body);

        Should.NotThrow(() => Verifier(SignedAt.AddSeconds(299)).Verify(header, Body));
        Should.NotThrow(() => Verifier(SignedAt.AddSeconds(-300)).Verify(header, Body));
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"checkout.session.completed" }""");

        FailureOf(() => Verifier(SignedAt).Verify(header, tampered)).ShouldBe(SignatureFailure.BadSignature);
    }

    [Fact]
    public void Wrong_secret_is_rejected()
    {
        var header = StripeSignatureVerifier.CreateHeader("whsec_someone_else", SignedAt, Body);

        FailureOf(() => Verifier(SignedAt).Verify(header, Body)).ShouldBe(SignatureFailure.BadSignature);
    }

    [Fact]
    public void Webhook_replayed_after_300_seconds_is_rejected()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body);

        var error = Should.Throw<StripeSignatureException>(() => Verifier(SignedAt.AddSeconds(301)).Verify(header, Body));

        error.Failure.ShouldBe(SignatureFailure.TimestampOutsideTolerance);
        error.Message.ShouldBe("The webhook cannot be processed because the current timestamp is outside of the allowed tolerance.");
    }

    [Fact]
    public void Timestamp_too_far_in_the_future_is_rejected()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt.AddSeconds(301), Body);

        FailureOf(() => Verifier(SignedAt).Verify(header, Body)).ShouldBe(SignatureFailure.TimestampOutsideTolerance);
    }

    [Fact]
    public void Timestamp_in_the_header_cannot_be_changed_without_breaking_the_signature()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body)
            .Replace($"t={SignedAt.ToUnixTimeSeconds()}", $"t={SignedAt.AddMinutes(10).ToUnixTimeSeconds()}");

        FailureOf(() => Verifier(SignedAt.AddMinutes(10)).Verify(header, Body)).ShouldBe(SignatureFailure.BadSignature);
    }

    [Fact]
    public void Any_one_of_several_v1_signatures_may_match()
    {
        var good = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body).Split(",v1=")[1];
        var header = $"t={SignedAt.ToUnixTimeSeconds()},v1={new string('0', 64)},v1={good},v0={new string('a', 64)}";

        Should.NotThrow(() => Verifier(SignedAt).Verify(header, Body));
    }

    [Fact]
    public void A_v0_signature_alone_is_not_enough()
    {
        var good = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body).Split(",v1=")[1];

        FailureOf(() => Verifier(SignedAt).Verify($"t={SignedAt.ToUnixTimeSeconds()},v0={good}", Body)).ShouldBe(SignatureFailure.NoV1Signature);
    }

    [Theory]
    [InlineData(null, SignatureFailure.MissingHeader)]
    [InlineData("", SignatureFailure.MissingHeader)]
    [InlineData("v1=abc", SignatureFailure.MalformedHeader)]
    [InlineData("t=yesterday,v1=abc", SignatureFailure.MalformedHeader)]
    [InlineData("t=-5,v1=abc", SignatureFailure.MalformedHeader)]
    [InlineData("t=1,t=2,v1=abc", SignatureFailure.MalformedHeader)]
    [InlineData("t=1750000000", SignatureFailure.NoV1Signature)]
    [InlineData("t=1750000000,v1=not-hex", SignatureFailure.BadSignature)]
    public void Each_kind_of_bad_header_has_its_own_reason(string? header, SignatureFailure expected)
    {
        var error = Should.Throw<StripeSignatureException>(() => Verifier(SignedAt).Verify(header, Body));

        error.Failure.ShouldBe(expected);
        error.Message.ShouldBe(StripeSignatureVerifier.MessageFor(expected));
    }

    [Fact]
    public void Tolerance_comes_from_the_options()
    {
        var header = StripeSignatureVerifier.CreateHeader(Secret, SignedAt, Body);
        var strict = new StripeSignatureVerifier(new StripeOptions { WebhookSecret = Secret, ToleranceSeconds = 10 }, new TestClock(SignedAt.AddSeconds(11)));

        FailureOf(() => strict.Verify(header, Body)).ShouldBe(SignatureFailure.TimestampOutsideTolerance);
    }
}
