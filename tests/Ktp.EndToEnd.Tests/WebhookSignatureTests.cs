using System.Net;
using System.Text;
using Dapper;
using Ktp.FakeStripe;
using Ktp.Testing;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>The real <c>ktp</c> process over real HTTP: a webhook with a wrong or an old signature is refused with 400 and credits nothing.</summary>
public sealed class WebhookSignatureTests(AppProcess app) : IClassFixture<AppProcess>
{
    private const string Secret = "whsec_ktp_fake"; // the development fake's signing secret

    [Fact]
    public async Task Wrong_or_old_signature_is_refused_with_400_and_credits_nothing_while_the_right_one_credits()
    {
        await using var db = new NpgsqlConnection(app.OwnerConnectionString);
        var tenantId = await db.ExecuteScalarAsync<Guid>("SELECT tenant_id FROM tenants WHERE slug = 'demo'");
        var sessionId = "cs_test_e2e_" + Guid.NewGuid().ToString("N");
        await db.ExecuteAsync("""
            INSERT INTO checkout_sessions (tenant_id, session_id, provider, amount, currency, created_by) VALUES (@tenantId, @sessionId, 'stripe', 700, 'RUB', 'test')
            """, new { tenantId, sessionId });
        var balance = () => db.ExecuteScalarAsync<decimal>("SELECT coalesce(max(balance), 0) FROM account_balances WHERE tenant_id = @tenantId", new { tenantId });
        var failures = () => db.ExecuteScalarAsync<long>("SELECT count(*) FROM payment_failures");
        var before = await balance();
        var failuresBefore = await failures();
        var body = CompletedEvent(sessionId, tenantId);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        (await DeliverAsync(http, body, FakeWebhookSignature.Header("whsec_someone_else", DateTimeOffset.UtcNow, body))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DeliverAsync(http, body, FakeWebhookSignature.Header(Secret, DateTimeOffset.UtcNow.AddSeconds(-301), body))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DeliverAsync(http, body, header: null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await balance()).ShouldBe(before);
        (await failures()).ShouldBe(failuresBefore + 3);
        (await db.ExecuteScalarAsync<string>("SELECT status FROM checkout_sessions WHERE session_id = @sessionId", new { sessionId })).ShouldBe("open");

        // The same event, rightly signed, does credit: the refusals above were the signature's doing.
        (await DeliverAsync(http, body, FakeWebhookSignature.Header(Secret, DateTimeOffset.UtcNow, body))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await balance()).ShouldBe(before + 700m);
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, byte[] body, string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (header is not null) request.Headers.TryAddWithoutValidation(FakeWebhookSignature.HeaderName, header);
        return await http.SendAsync(request);
    }

    private static byte[] CompletedEvent(string sessionId, Guid tenantId) =>
        Encoding.UTF8.GetBytes(StripeEvents.CheckoutCompleted("evt_e2e_" + Guid.NewGuid().ToString("N"), sessionId, tenantId, 70000));
}
