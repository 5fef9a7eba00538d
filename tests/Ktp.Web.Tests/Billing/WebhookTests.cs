using Dapper;

namespace Ktp.Web.Tests.Billing;

public sealed class WebhookTests(KtpHost app) : IClassFixture<KtpHost>
{
    private readonly BillingTestKit _kit = new(app);

    [Fact]
    public async Task A_paid_checkout_credits_once_however_often_the_event_is_delivered()
    {
        var tenant = await _kit.SignUpAsync();
        var session = await _kit.OpenCheckoutAsync(tenant, 2500.50m);
        var body = BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), session, tenant.TenantId, 250050);

        for (var i = 0; i < 3; i++) await _kit.DeliverAsync(body, status: 200);

        (await _kit.BalanceAsync(tenant)).ShouldBe(2500.50m);
        (await _kit.TopUpsAsync(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task A_new_event_for_an_already_credited_checkout_credits_nothing_more()
    {
        var tenant = await _kit.SignUpAsync();
        var session = await _kit.OpenCheckoutAsync(tenant, 100m);
        var first = "evt_a" + Guid.NewGuid().ToString("N");
        var second = "evt_b" + Guid.NewGuid().ToString("N");
        await _kit.DeliverAsync(BillingTestKit.CompletedEvent(first, session, tenant.TenantId, 10000), status: 200);
        var again = await _kit.DeliverAsync(BillingTestKit.CompletedEvent(second, session, tenant.TenantId, 10000), status: 200);
        (await again.ReadAsTextAsync()).ShouldContain("\"result\":\"duplicate\"");
        (await _kit.BalanceAsync(tenant)).ShouldBe(100m);

        await using var owner = app.Database.OpenOwner();
        var booked = (await owner.QueryAsync<(string EventId, string Outcome)>(
            "SELECT event_id, outcome FROM payment_events WHERE tenant_id = @TenantId ORDER BY received_at", tenant)).ToList();
        booked.ShouldBe([(first, "credited"), (second, "duplicate")]);
    }

    [Fact]
    public async Task Tampered_wrong_secret_and_replayed_deliveries_are_refused_with_400_and_credit_nothing()
    {
        var tenant = await _kit.SignUpAsync();
        var session = await _kit.OpenCheckoutAsync(tenant, 700m);
        var body = BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), session, tenant.TenantId, 70000);

        await _kit.DeliverAsync(body, status: 400, tamperedBody: body.Replace("70000", "7000000"));
        await _kit.DeliverAsync(body, status: 400, secret: "whsec_someone_else");
        await _kit.DeliverAsync(body, status: 400, signedAt: DateTimeOffset.UtcNow.AddSeconds(-301));
        await app.Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/webhooks/stripe"); // no Stripe-Signature header
            s.StatusCodeShouldBe(400);
        });

        (await _kit.BalanceAsync(tenant)).ShouldBe(0m);
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM payment_failures")).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_webhook_for_an_unknown_session_or_a_different_amount_credits_nothing()
    {
        var tenant = await _kit.SignUpAsync();
        var unknown = await _kit.DeliverAsync(BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), "cs_test_unknown", tenant.TenantId, 100000), status: 400);
        (await unknown.ReadAsTextAsync()).ShouldContain("Unknown checkout session");

        var session = await _kit.OpenCheckoutAsync(tenant, 100m);
        await _kit.DeliverAsync(BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), session, tenant.TenantId, 999999), status: 400); // wrong amount
        await _kit.DeliverAsync(BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), session, tenant.TenantId, 10000, "usd"), status: 400); // wrong currency
        (await _kit.BalanceAsync(tenant)).ShouldBe(0m);
    }
}
