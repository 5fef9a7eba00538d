using System.Net;
using System.Text;
using Ktp.Domain.Billing;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>The gateway (Stripe.net) against the fake Stripe on a real Kestrel, through to the signed webhook.</summary>
public class FakeStripeTests
{
    private static CheckoutRequest Request(FakeStripeApp app, string tenant, decimal rubles, string key) =>
        new(Money.Of(rubles, "RUB"), tenant, app.Address + "/billing/paid?session={CHECKOUT_SESSION_ID}", app.Address + "/billing", key);

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false });

    private static Event Delivered(byte[] body) => EventUtility.ParseEvent(Encoding.UTF8.GetString(body), throwOnApiVersionMismatch: false);

    [Fact]
    public async Task Checkout_then_pay_delivers_a_signed_webhook_that_credits_the_account_once()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        using var browser = Browser();
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var account = app.Receiver.OpenAccount(tenant);
        var gateway = app.Gateway();

        var session = await gateway.CreateCheckoutSessionAsync(Request(app, tenant, 500m, "topup-1"));
        app.Receiver.Pending[session.Id] = new PendingCheckout(session.Id, tenant, session.Amount);

        session.Id.ShouldStartWith("cs_test_");
        session.RedirectUrl.ShouldBe(new Uri($"{app.Address}/stripe/checkout/{session.Id}"));
        session.Amount.ShouldBe(Money.Of(500m, "RUB"));
        session.PaymentStatus.ShouldBe("unpaid");

        var page = await browser.GetStringAsync(session.RedirectUrl);
        page.ShouldContain("500.00 RUB");
        page.ShouldContain($"action=\"/stripe/checkout/{session.Id}/pay\"");

        using var paid = await browser.PostAsync(session.RedirectUrl + "/pay", null);
        paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        paid.Headers.Location.ShouldBe(new Uri($"{app.Address}/billing/paid?session={session.Id}"));

        var (signature, body) = app.Receiver.Received.ShouldHaveSingleItem();
        signature.ShouldNotBeNull().ShouldStartWith("t=");
        var delivered = Delivered(body);
        delivered.Type.ShouldBe("checkout.session.completed");
        var deliveredSession = delivered.Data.Object.ShouldBeOfType<Session>();
        deliveredSession.Id.ShouldBe(session.Id);
        deliveredSession.Metadata["tenant_id"].ShouldBe(tenant);
        app.Receiver.Log.ShouldBe([$"Credit: Paid checkout session {session.Id}."]);
        account.Balance.ShouldBe(Money.Of(500m, "RUB"));

        // Stripe retries: the same event again credits nothing more; paying again delivers nothing.
        using var resent = await http.PostAsync(session.RedirectUrl + "/resend", null);
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var paidAgain = await browser.PostAsync(session.RedirectUrl + "/pay", null);
        app.Receiver.Received.Count.ShouldBe(2);
        Delivered(app.Receiver.Received[1].Body).Id.ShouldBe(delivered.Id);
        app.Receiver.Log[^1].ShouldBe($"duplicate: {delivered.Id}");
        account.Balance.ShouldBe(Money.Of(500m, "RUB"));

        (await new SessionService(app.StripeNet()).GetAsync(session.Id)).PaymentStatus.ShouldBe("paid");
    }

    [Fact]
    public async Task Webhook_replayed_after_300_seconds_is_refused_and_credits_nothing()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var account = app.Receiver.OpenAccount(tenant);
        var session = await app.Gateway().CreateCheckoutSessionAsync(Request(app, tenant, 250m, "topup-2"));
        app.Receiver.Pending[session.Id] = new PendingCheckout(session.Id, tenant, session.Amount);
        app.Receiver.ClockOffset = TimeSpan.FromSeconds(301);

        await app.Server.PayAsync(session.Id);

        app.Receiver.Log.ShouldBe(["refused: The webhook cannot be processed because the current timestamp is outside of the allowed tolerance."]);
        app.Server.Deliveries.ShouldHaveSingleItem().StatusCode.ShouldBe(400);
        account.Balance.ShouldBe(Money.Of(0m, "RUB"));
    }

    [Fact]
    public async Task Signed_webhook_for_an_unknown_session_credits_nothing()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        var body = StripeWebhookEventTests.CompletedEvent(sessionId: "cs_test_never_created", tenant: "tenant-x");
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Address + "/webhooks/stripe") { Content = new ByteArrayContent(body) };
        request.Headers.Add(FakeWebhookSignature.HeaderName, FakeWebhookSignature.Header(FakeStripeApp.WebhookSecret, DateTimeOffset.UtcNow, body));

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Receiver.Log.ShouldBe(["Reject: Unknown checkout session cs_test_never_created: nothing credited."]);
    }

    [Fact]
    public async Task Webhook_with_a_tampered_body_is_refused()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        var body = StripeWebhookEventTests.CompletedEvent();
        var header = FakeWebhookSignature.Header(FakeStripeApp.WebhookSecret, DateTimeOffset.UtcNow, body);
        var tampered = StripeWebhookEventTests.CompletedEvent(amountTotal: 5_000_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Address + "/webhooks/stripe") { Content = new ByteArrayContent(tampered) };
        request.Headers.Add(FakeWebhookSignature.HeaderName, header);

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        app.Receiver.Log.ShouldBe(["refused: The expected signature was not found in the Stripe-Signature header. Make sure you're using the correct webhook secret (whsec_) and confirm the incoming request came from Stripe."]);
    }

    [Fact]
    public async Task Missing_or_wrong_api_key_is_refused_with_stripes_error()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();

        var wrong = await Should.ThrowAsync<StripeException>(() =>
            app.Gateway("sk_test_wrong_key_000000").CreateCheckoutSessionAsync(Request(app, "t", 10m, "k1")));
        using var missing = await http.PostAsync(app.Address + "/stripe/v1/checkout/sessions", new FormUrlEncodedContent([]));

        wrong.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StripeError.Type.ShouldBe("invalid_request_error");
        wrong.StripeError.Message.ShouldStartWith("Invalid API Key provided: sk_test_");
        wrong.StripeError.Message.ShouldNotContain("wrong_key");
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        app.Server.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_same_session_and_other_parameters_are_refused()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        var gateway = app.Gateway();

        var first = await gateway.CreateCheckoutSessionAsync(Request(app, "t1", 100m, "same-key"));
        var again = await gateway.CreateCheckoutSessionAsync(Request(app, "t1", 100m, "same-key"));
        var conflict = await Should.ThrowAsync<StripeException>(() => gateway.CreateCheckoutSessionAsync(Request(app, "t1", 200m, "same-key")));

        again.Id.ShouldBe(first.Id);
        conflict.StripeError.Type.ShouldBe("idempotency_error");
        app.Server.Sessions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("success_url")]
    [InlineData("line_items[0][price_data][currency]")]
    [InlineData("line_items[0][price_data][unit_amount]")]
    [InlineData("line_items[0][price_data][product_data][name]")]
    [InlineData("mode")]
    public async Task Fake_refuses_a_session_without_a_required_field(string left)
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var http = new HttpClient();
        var fields = new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["line_items[0][price_data][currency]"] = "rub",
            ["line_items[0][price_data][unit_amount]"] = "1000",
            ["line_items[0][price_data][product_data][name]"] = "Top-up",
            ["line_items[0][quantity]"] = "1",
            ["success_url"] = "http://localhost/ok",
        };
        fields.Remove(left);
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Address + "/stripe/v1/checkout/sessions") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new("Bearer", FakeStripeApp.ApiKey);

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
        error.GetProperty("param").GetString().ShouldBe(left);
    }

    [Fact]
    public async Task Fake_refuses_an_unknown_currency_or_a_non_positive_amount()
    {
        await using var app = await FakeStripeApp.StartAsync();
        var server = app.Server;
        Dictionary<string, string> Form(string currency, string amount) => new()
        {
            ["mode"] = "payment", ["success_url"] = "http://localhost/ok", ["line_items[0][quantity]"] = "1",
            ["line_items[0][price_data][currency]"] = currency, ["line_items[0][price_data][unit_amount]"] = amount,
            ["line_items[0][price_data][product_data][name]"] = "Top-up",
        };

        server.CreateSession(Form("xyz", "100"), null, "http://x/").Error!.Param.ShouldBe("line_items[0][price_data][currency]");
        server.CreateSession(Form("rub", "0"), null, "http://x/").Error!.Param.ShouldBe("line_items[0][price_data][unit_amount]");
        server.CreateSession(Form("rub", "1.5"), null, "http://x/").Error!.Param.ShouldBe("line_items[0][price_data][unit_amount]");
        server.CreateSession(Form("rub", "150"), null, "http://x/").Session.ShouldNotBeNull();
    }

    [Fact]
    public async Task Unknown_session_pages_are_not_found()
    {
        await using var app = await FakeStripeApp.StartAsync();
        using var browser = Browser();

        (await browser.GetAsync(app.Address + "/stripe/checkout/cs_test_nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.PostAsync(app.Address + "/stripe/checkout/cs_test_nope/pay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var missing = await Should.ThrowAsync<StripeException>(() => new SessionService(app.StripeNet()).GetAsync("cs_test_nope"));
        missing.StripeError.Code.ShouldBe("resource_missing");
    }
}
