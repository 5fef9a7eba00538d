using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing.Stripe;
using Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>Every vector and case of tests/fixtures/stripe/webhook-vectors.json (from stripe-dotnet's own tests), read as it is, through the gateway.</summary>
public class StripeWebhookVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(System.IO.File.ReadAllBytes(StripeFixtures.PathTo("webhook-vectors.json"))).RootElement;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var vector in Vectors.GetProperty("vectors").EnumerateArray())
            for (var i = 0; i < vector.GetProperty("cases").GetArrayLength(); i++)
                data.Add(vector.GetProperty("name").GetString()!, i);
        return data;
    }

    public static TheoryData<string, string> MalformedHeaders()
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in Vectors.GetProperty("vectors").EnumerateArray())
            foreach (var header in vector.GetProperty("malformed_headers_expected_to_fail").EnumerateArray())
                data.Add(vector.GetProperty("name").GetString()!, header.GetString()!);
        return data;
    }

    [Fact]
    public void The_vectors_file_names_the_signature_header()
    {
        Vectors.GetProperty("header_name").GetString().ShouldBe(StripeGateway.SignatureHeader);
        Vectors.GetProperty("vectors").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector_case_behaves_as_the_file_says(string vectorName, int caseIndex)
    {
        var vector = Vector(vectorName);
        var @case = vector.GetProperty("cases")[caseIndex];
        var payload = Payload(vector);
        if (@case.TryGetProperty("payload_mutation", out var mutation)) payload = Mutate(payload, mutation.GetString()!);
        var timestamp = vector.GetProperty("timestamp").GetInt64();
        var now = DateTimeOffset.FromUnixTimeSeconds(@case.TryGetProperty("now", out var n) ? n.GetInt64() : timestamp);
        var tolerance = @case.TryGetProperty("tolerance", out var t) ? t.GetInt32() : vector.GetProperty("tolerance_seconds").GetInt32();
        var header = vector.GetProperty("header").GetString()!;
        var secret = vector.GetProperty("secret").GetString()!;
        var gateway = new StripeGateway(new StripeOptions { WebhookSecret = secret, ToleranceSeconds = tolerance }, new TestClock(now));

        if (@case.TryGetProperty("expect_error", out var expectedError))
        {
            Should.Throw<StripeSignatureException>(() => gateway.ParseWebhook(header, payload)).Message.ShouldBe(expectedError.GetString());
            return;
        }

        var expect = @case.GetProperty("expect").GetString()!;
        expect.ShouldStartWith("valid");
        var read = gateway.ParseWebhook(header, payload);
        // The gateway keeps only what top-ups use; the other fields the vectors name are read by Stripe.net with the same inputs.
        var parsed = EventUtility.ConstructEvent(Encoding.UTF8.GetString(payload), header, secret, tolerance, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        read.Id.ShouldBe(parsed.Id);
        read.Type.ShouldBe(parsed.Type);
        foreach (Match m in Regex.Matches(expect, @"([\w.]+) == '([^']*)'"))
            FieldOf(parsed, m.Groups[1].Value).ShouldBe(m.Groups[2].Value, m.Value);
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void Malformed_header_from_the_vectors_is_rejected(string vectorName, string header)
    {
        var vector = Vector(vectorName);
        var gateway = new StripeGateway(
            new StripeOptions { WebhookSecret = vector.GetProperty("secret").GetString()!, ToleranceSeconds = vector.GetProperty("tolerance_seconds").GetInt32() },
            new TestClock(DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("timestamp").GetInt64())));

        Should.Throw<StripeSignatureException>(() => gateway.ParseWebhook(header, Payload(vector)));
    }

    [Fact]
    public void Vector_signature_is_hmac_sha256_of_timestamp_dot_payload_bytes()
    {
        foreach (var vector in Vectors.GetProperty("vectors").EnumerateArray())
        {
            var payload = Payload(vector);
            payload.Length.ShouldBe(484); // the fixture's exact bytes, trailing newline included
            var secret = vector.GetProperty("secret").GetString()!;
            var timestamp = vector.GetProperty("timestamp").GetInt64();
            var expected = vector.GetProperty("expected_v1").GetString();

            // The fake's own signer and Stripe.net's agree with the vector.
            var header = FakeWebhookSignature.Header(secret, DateTimeOffset.FromUnixTimeSeconds(timestamp), payload);
            header.ShouldBe($"t={timestamp},v1={expected}");
            vector.GetProperty("header").GetString()!.ShouldStartWith(header);
            EventUtility.ComputeSignature(secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(payload))
                .ShouldBe(expected);
        }
    }

    [Fact]
    public void Docs_example_header_is_well_formed_but_does_not_match_an_unpublished_secret()
    {
        var header = Vectors.GetProperty("docs_example_header").GetString()!;
        var gateway = new StripeGateway(new StripeOptions { WebhookSecret = "whsec_unknown" }, new TestClock(DateTimeOffset.FromUnixTimeSeconds(1492774577)));

        Should.Throw<StripeSignatureException>(() => gateway.ParseWebhook(header, "{}"u8)).Message
            .ShouldStartWith("The expected signature was not found in the Stripe-Signature header.");
    }

    private static JsonElement Vector(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static byte[] Payload(JsonElement vector) => StripeFixtures.Bytes(vector.GetProperty("payload_file").GetString()!);

    private static byte[] Mutate(byte[] payload, string mutation)
    {
        var append = Regex.Match(mutation, "^append '(.*)' to the payload$");
        append.Success.ShouldBeTrue($"Unknown payload mutation: {mutation}");
        return [.. payload, .. Encoding.UTF8.GetBytes(append.Groups[1].Value)];
    }

    private static string? FieldOf(Event e, string path) => path switch
    {
        "event.id" => e.Id,
        "event.type" => e.Type,
        "event.account" => e.Account,
        "request.id" => e.Request?.Id,
        "request.idempotency_key" => e.Request?.IdempotencyKey,
        _ => throw new InvalidOperationException($"The vectors check a field the test does not know: {path}"),
    };
}
