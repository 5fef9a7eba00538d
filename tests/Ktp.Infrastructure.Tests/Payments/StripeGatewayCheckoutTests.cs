using System.Net;
using System.Text;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing.Stripe;
using Microsoft.AspNetCore.WebUtilities;
using Stripe;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>The checkout request Stripe.net sends for the gateway, and what the gateway makes of the answers, with a handler standing in for Stripe.</summary>
public class StripeGatewayCheckoutTests
{
    private const string SessionJson = """
        {"id":"cs_test_a1","object":"checkout.session","amount_total":50000,"currency":"rub","client_reference_id":"tenant-1",
         "metadata":{"tenant_id":"tenant-1"},"mode":"payment","payment_status":"unpaid","status":"open",
         "url":"https://checkout.stripe.com/c/pay/cs_test_a1"}
        """;

    private sealed class Recording(HttpStatusCode status, string body, string? requestId = null) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (requestId is not null) response.Headers.Add("Request-Id", requestId);
            return response;
        }
    }

    private static StripeGateway Gateway(HttpMessageHandler handler, string baseUrl = "https://api.stripe.com") =>
        new(new StripeOptions { BaseUrl = baseUrl, SecretKey = "sk_test_123", WebhookSecret = "whsec_1" }, TimeProvider.System, new HttpClient(handler));

    private static CheckoutRequest Request(Money amount) =>
        new(amount, "tenant-1", "https://ktp.example/billing/paid?session={CHECKOUT_SESSION_ID}", "https://ktp.example/billing", "topup-0001");

    [Fact]
    public async Task Checkout_session_is_created_with_stripes_form_fields_auth_and_idempotency_key()
    {
        var handler = new Recording(HttpStatusCode.OK, SessionJson);

        var session = await Gateway(handler).CreateCheckoutSessionAsync(Request(Money.Of(500m, "RUB")));

        handler.Request!.Method.ShouldBe(HttpMethod.Post);
        handler.Request.RequestUri.ShouldBe(new Uri("https://api.stripe.com/v1/checkout/sessions"));
        handler.Request.Headers.Authorization!.ToString().ShouldBe("Bearer sk_test_123");
        handler.Request.Headers.GetValues("Idempotency-Key").ShouldBe(["topup-0001"]);
        handler.Request.Content!.Headers.ContentType!.MediaType.ShouldBe("application/x-www-form-urlencoded");
        var form = QueryHelpers.ParseQuery(handler.Body).ToDictionary(f => f.Key, f => f.Value.ToString());
        form.ShouldBe(new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["line_items[0][price_data][currency]"] = "rub",
            ["line_items[0][price_data][unit_amount]"] = "50000",
            ["line_items[0][price_data][product_data][name]"] = "Account top-up",
            ["line_items[0][quantity]"] = "1",
            ["success_url"] = "https://ktp.example/billing/paid?session={CHECKOUT_SESSION_ID}",
            ["cancel_url"] = "https://ktp.example/billing",
            ["client_reference_id"] = "tenant-1",
            ["metadata[tenant_id]"] = "tenant-1",
        }, ignoreOrder: true);

        session.ShouldBe(new CheckoutSession("cs_test_a1", new Uri("https://checkout.stripe.com/c/pay/cs_test_a1"),
            Money.Of(500m, "RUB"), "unpaid", "open", "tenant-1"));
    }

    [Theory]
    [InlineData("1050", "JPY", "1050", "jpy")]
    [InlineData("1.234", "KWD", "1234", "kwd")]
    [InlineData("10.5", "USD", "1050", "usd")]
    public async Task Amount_is_sent_in_minor_units_with_a_lower_case_currency(string amount, string currency, string unitAmount, string wireCurrency)
    {
        var handler = new Recording(HttpStatusCode.OK, SessionJson);

        await Gateway(handler).CreateCheckoutSessionAsync(Request(Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency)));

        var form = QueryHelpers.ParseQuery(handler.Body);
        form["line_items[0][price_data][unit_amount]"].ToString().ShouldBe(unitAmount);
        form["line_items[0][price_data][currency]"].ToString().ShouldBe(wireCurrency);
    }

    [Fact]
    public async Task Base_url_with_a_path_is_kept()
    {
        var handler = new Recording(HttpStatusCode.OK, SessionJson);

        await Gateway(handler, "http://127.0.0.1:5000/stripe/").CreateCheckoutSessionAsync(Request(Money.Of(1m, "USD")));

        handler.Request!.RequestUri.ShouldBe(new Uri("http://127.0.0.1:5000/stripe/v1/checkout/sessions"));
    }

    [Fact]
    public async Task Stripe_error_json_becomes_a_stripe_exception()
    {
        var handler = new Recording(HttpStatusCode.BadRequest,
            """{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Amount must be at least 50 cents","param":"line_items[0][price_data][unit_amount]"}}""",
            "req_abc");

        var error = await Should.ThrowAsync<StripeException>(() => Gateway(handler).CreateCheckoutSessionAsync(Request(Money.Of(0.10m, "USD"))));

        error.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.StripeError.Type.ShouldBe("invalid_request_error");
        error.StripeError.Code.ShouldBe("amount_too_small");
        error.StripeError.Message.ShouldBe("Amount must be at least 50 cents");
        error.StripeError.Param.ShouldBe("line_items[0][price_data][unit_amount]");
        error.StripeResponse.RequestId.ShouldBe("req_abc");
    }

    [Fact]
    public async Task Session_without_a_known_currency_or_a_url_is_an_error()
    {
        await Should.ThrowAsync<StripeException>(() =>
            Gateway(new Recording(HttpStatusCode.OK, SessionJson.Replace("\"rub\"", "\"xyz\""))).CreateCheckoutSessionAsync(Request(Money.Of(500m, "RUB"))));
        await Should.ThrowAsync<StripeException>(() =>
            Gateway(new Recording(HttpStatusCode.OK, SessionJson.Replace("\"https://checkout.stripe.com/c/pay/cs_test_a1\"", "null"))).CreateCheckoutSessionAsync(Request(Money.Of(500m, "RUB"))));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Top_up_checkout_of_zero_or_less_is_refused_before_calling_stripe(string amount)
    {
        var handler = new Recording(HttpStatusCode.OK, SessionJson);

        await Should.ThrowAsync<BillingException>(() => Gateway(handler).CreateCheckoutSessionAsync(Request(Money.Of(decimal.Parse(amount), "RUB"))));

        handler.Request.ShouldBeNull();
    }
}
