using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ktp.FakeStripe;

/// <summary>
/// Signs a webhook the way Stripe does: <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t." + body)&gt;</c>.
/// Written here rather than borrowed from Stripe.net, so the product's verification is checked against an independent signer.
/// </summary>
public static class FakeWebhookSignature
{
    public const string HeaderName = "Stripe-Signature";

    public static string Header(string secret, DateTimeOffset signedAt, ReadOnlySpan<byte> payload)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
