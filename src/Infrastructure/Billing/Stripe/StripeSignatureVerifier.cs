using System.Security.Cryptography;
using System.Text;

namespace Ktp.Infrastructure.Billing.Stripe;

public enum SignatureFailure
{
    None,
    MissingHeader,
    MalformedHeader,
    NoV1Signature,
    BadSignature,
    TimestampOutsideTolerance,
}

/// <summary>A webhook whose Stripe-Signature header does not prove it came from Stripe, now.</summary>
public sealed class StripeSignatureException(SignatureFailure failure, string message) : Exception(message)
{
    public SignatureFailure Failure { get; } = failure;
}

/// <summary>
/// Checks the <c>Stripe-Signature</c> header of a webhook: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>,
/// where v1 is HMAC-SHA256 with the endpoint secret over <c>"{t}." + raw body</c>. Any one matching v1 is enough
/// (several appear while a secret is rolled); other schemes are ignored. Signatures are compared in constant
/// time, then the timestamp must be within the tolerance of now, either way.
/// </summary>
public sealed class StripeSignatureVerifier(StripeOptions options, TimeProvider time)
{
    public const string HeaderName = "Stripe-Signature";

    public const string BadSignatureMessage =
        "The expected signature was not found in the Stripe-Signature header. Make sure you're using the correct webhook secret (whsec_) and confirm the incoming request came from Stripe.";

    public const string OutsideToleranceMessage =
        "The webhook cannot be processed because the current timestamp is outside of the allowed tolerance.";

    /// <summary>Checks the header against the raw request body, as received.</summary>
    /// <exception cref="StripeSignatureException">The header is missing, malformed, has no v1 signature, no v1 matches, or it is too old or too new.</exception>
    public void Verify(string? header, ReadOnlySpan<byte> payload)
    {
        var failure = Check(header, payload, options.WebhookSecret, options.ToleranceSeconds, time.GetUtcNow());
        if (failure != SignatureFailure.None) throw new StripeSignatureException(failure, MessageFor(failure));
    }

    public void Verify(string? header, string payload) => Verify(header, Encoding.UTF8.GetBytes(payload));

    /// <summary>The reason a header fails, or <see cref="SignatureFailure.None"/>.</summary>
    public static SignatureFailure Check(string? header, ReadOnlySpan<byte> payload, string secret, int toleranceSeconds, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureFailure.MissingHeader;
        if (!TryParse(header, out var timestamp, out var signatures)) return SignatureFailure.MalformedHeader;
        if (signatures.Count == 0) return SignatureFailure.NoV1Signature;

        var expected = Sign(secret, timestamp, payload);
        var matched = false;
        foreach (var candidate in signatures)
            matched |= candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(candidate, expected);
        if (!matched) return SignatureFailure.BadSignature;

        return Math.Abs(now.ToUnixTimeSeconds() - timestamp) > toleranceSeconds
            ? SignatureFailure.TimestampOutsideTolerance
            : SignatureFailure.None;
    }

    /// <summary>The header Stripe would send for this body at this time.</summary>
    public static string CreateHeader(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> payload)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return $"t={t},v1={Convert.ToHexStringLower(Sign(secret, t, payload))}";
    }

    public static string MessageFor(SignatureFailure failure) => failure switch
    {
        SignatureFailure.MissingHeader => "The webhook has no Stripe-Signature header.",
        SignatureFailure.MalformedHeader => "The Stripe-Signature header is not in the form t=<timestamp>,v1=<signature>.",
        SignatureFailure.NoV1Signature => "The Stripe-Signature header has no v1 signature.",
        SignatureFailure.BadSignature => BadSignatureMessage,
        SignatureFailure.TimestampOutsideTolerance => OutsideToleranceMessage,
        _ => "The signature is valid.",
    };

    private static byte[] Sign(string secret, long timestamp, ReadOnlySpan<byte> payload)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    // Every item must be key=value; t must be a whole number of seconds. v1 values that are not hex can never match.
    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        var hasTimestamp = false;
        foreach (var item in header.Split(','))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0) return false;
            var key = item[..eq].Trim();
            var value = item[(eq + 1)..].Trim();
            if (key == "t")
            {
                if (hasTimestamp || !long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out timestamp))
                    return false;
                hasTimestamp = true;
            }
            else if (key == "v1")
            {
                signatures.Add(TryHex(value));
            }
        }
        return hasTimestamp;
    }

    private static byte[] TryHex(string value)
    {
        try
        {
            return value.Length > 0 && value.Length % 2 == 0 ? Convert.FromHexString(value) : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
