using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Billing.Stripe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ktp.Web.Billing;

/// <summary>
/// Stripe top-ups through Stripe.net. <c>Stripe:Mode=live</c> (the default outside Development) talks to <c>Stripe:BaseUrl</c>
/// with <c>Stripe:SecretKey</c>. <c>Stripe:Mode=fake</c> (the default in Development only) maps the fake Stripe of
/// <c>Ktp.FakeStripe</c> at <c>/fake-stripe</c> and points the same client at it; it posts signed webhooks back.
/// The fake credits accounts without any payment, so Production refuses it unless <c>Stripe:AllowFakeInProduction=true</c>.
/// </summary>
public static class PaymentsSetup
{
    public const string FakePrefix = "/fake-stripe";

    public static IServiceCollection AddKtpPayments(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        var fake = UsesFakeStripe(config, environment);
        services.AddSingleton(BillingOptions.From(config));
        services.AddSingleton<SelfAddress>();
        services.AddHttpClient("stripe");
        if (fake)
        {
            const string key = "sk_test_ktp_fake", secret = "whsec_ktp_fake";
            services.AddFakeStripe(o => { o.ApiKey = key; o.WebhookSecret = secret; });
            services.AddSingleton<IPaymentGateway>(sp => new LazyStripeGateway(() => new StripeGateway(
                new StripeOptions { BaseUrl = sp.GetRequiredService<SelfAddress>().Url + FakePrefix, SecretKey = key, WebhookSecret = secret },
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"))));
        }
        else
        {
            // Keys are checked when the first payment is made, so CLI commands and nodes without billing still start.
            services.AddSingleton<IPaymentGateway>(sp => new LazyStripeGateway(() => new StripeGateway(
                new StripeOptions
                {
                    BaseUrl = config["Stripe:BaseUrl"] ?? StripeOptions.DefaultBaseUrl,
                    SecretKey = config["Stripe:SecretKey"] ?? throw new InvalidOperationException("Stripe:SecretKey is required when Stripe:Mode is live."),
                    WebhookSecret = config["Stripe:WebhookSecret"] ?? throw new InvalidOperationException("Stripe:WebhookSecret is required when Stripe:Mode is live."),
                },
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"))));
        }
        return services;
    }

    /// <summary><c>Stripe:Mode</c>: <c>fake</c> or <c>live</c>; fake by default only in Development, and in Production only when explicitly allowed.</summary>
    /// <exception cref="InvalidOperationException">An unknown mode, or the fake in Production without <c>Stripe:AllowFakeInProduction=true</c>.</exception>
    public static bool UsesFakeStripe(IConfiguration config, IHostEnvironment environment)
    {
        var mode = config["Stripe:Mode"] ?? (environment.IsDevelopment() ? "fake" : "live");
        if (mode is not ("fake" or "live"))
            throw new InvalidOperationException($"Stripe:Mode must be 'fake' or 'live', not '{mode}'.");
        if (mode == "fake" && environment.IsProduction() && !config.GetValue("Stripe:AllowFakeInProduction", false))
            throw new InvalidOperationException(
                "Stripe:Mode=fake is refused in Production: the fake Stripe credits accounts without any payment. "
                + "Set Stripe:Mode=live with Stripe:SecretKey and Stripe:WebhookSecret, or Stripe:AllowFakeInProduction=true for a demo.");
        return mode == "fake";
    }

    public static WebApplication MapKtpPayments(this WebApplication app)
    {
        app.MapPost("/webhooks/stripe", async (HttpRequest request, PaymentWebhook webhook, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > 1_000_000) return Results.Problem("Webhook body too large.", statusCode: 413);
            var result = await webhook.HandleAsync(request.Headers[StripeGateway.SignatureHeader].FirstOrDefault(), buffer.ToArray(), ct);
            return result.Answer == WebhookAnswer.Rejected
                ? Results.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest, title: "Webhook refused")
                : Results.Ok(new { received = true, result = result.Answer.ToString().ToLowerInvariant(), message = result.Message });
        }).DisableAntiforgery();

        if (app.Services.GetService<FakeStripeServer>() is { } fake)
        {
            app.MapFakeStripe(FakePrefix, fake);
            var self = app.Services.GetRequiredService<SelfAddress>();
            app.Lifetime.ApplicationStarted.Register(() => fake.Options.WebhookUrl = self.Url + "/webhooks/stripe");
        }
        return app;
    }
}

/// <summary>This node's own base URL (the first address it listens on), known once the server has started.</summary>
public sealed class SelfAddress(IServer server, IConfiguration config)
{
    public string Url => config["Stripe:SelfUrl"]
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/')
        ?? throw new InvalidOperationException("The server address is not known yet.");
}

/// <summary>Builds the gateway on first use, after the server knows its address.</summary>
public sealed class LazyStripeGateway(Func<IPaymentGateway> create) : IPaymentGateway
{
    private readonly Lazy<IPaymentGateway> _inner = new(create);
    public string Provider => "stripe";
    public Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct = default) => _inner.Value.CreateCheckoutSessionAsync(request, ct);
    public StripeWebhookEvent ParseWebhook(string? signatureHeader, ReadOnlySpan<byte> payload) => _inner.Value.ParseWebhook(signatureHeader, payload);
}
