namespace Ktp.Infrastructure.Billing.Stripe;

/// <summary>Stripe settings: the API base, the secret API key and the webhook endpoint's signing secret.</summary>
public sealed class StripeOptions
{
    public const string DefaultBaseUrl = "https://api.stripe.com";

    /// <summary>API root; the fake server's is <c>http://host/prefix</c>.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Secret API key (<c>sk_live_…</c>, <c>sk_test_…</c>), sent as a Bearer token.</summary>
    public string SecretKey { get; init; } = "";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
    public string WebhookSecret { get; init; } = "";

    /// <summary>How far a webhook's signed timestamp may be from now, either way.</summary>
    public int ToleranceSeconds { get; init; } = 300;
}
