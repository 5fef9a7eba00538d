namespace Ktp.FakeStripe;

/// <summary>Settings of the fake Stripe; settable after start-up, since a test learns its own port only then.</summary>
public sealed class FakeStripeOptions
{
    /// <summary>The secret key clients must send as Bearer; null accepts any <c>sk_test_…</c> key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Secret the delivered webhooks are signed with.</summary>
    public string WebhookSecret { get; set; } = "whsec_fake";

    /// <summary>Where a paid session's <c>checkout.session.completed</c> event is POSTed; null delivers nothing.</summary>
    public string? WebhookUrl { get; set; }
}
