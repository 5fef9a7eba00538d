using Ktp.Domain.Billing;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Billing.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>
/// A real Kestrel on 127.0.0.1 and a random port, hosting the fake Stripe under /stripe and a webhook receiver
/// at /webhooks/stripe that does what the product's webhook endpoint will do.
/// </summary>
internal sealed class FakeStripeApp : IAsyncDisposable
{
    public const string ApiKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    public const string WebhookSecret = "whsec_fake_test_secret";

    private FakeStripeApp(WebApplication app, FakeStripeServer server, WebhookReceiver receiver, string address)
    {
        App = app;
        Server = server;
        Receiver = receiver;
        Address = address;
    }

    public WebApplication App { get; }
    public FakeStripeServer Server { get; }
    public WebhookReceiver Receiver { get; }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string Address { get; }

    public StripeOptions StripeOptions(string apiKey = ApiKey) =>
        new() { BaseUrl = Address + "/stripe", SecretKey = apiKey, WebhookSecret = WebhookSecret };

    public StripeGateway Gateway(string apiKey = ApiKey) => new(StripeOptions(apiKey), TimeProvider.System);

    /// <summary>Stripe.net's own client against the fake, for the calls the product does not make.</summary>
    public Stripe.StripeClient StripeNet() => new(ApiKey, apiBase: Address + "/stripe");

    public static async Task<FakeStripeApp> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeStripeApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFakeStripe(o =>
        {
            o.ApiKey = ApiKey;
            o.WebhookSecret = WebhookSecret;
        });
        var app = builder.Build();
        app.MapFakeStripe("/stripe");
        var receiver = new WebhookReceiver(new StripeOptions { WebhookSecret = WebhookSecret });
        app.MapPost("/webhooks/stripe", receiver.HandleAsync);
        await app.StartAsync();

        var address = app.Urls.Single().TrimEnd('/');
        var server = app.Services.GetRequiredService<FakeStripeServer>();
        server.Options.WebhookUrl = address + "/webhooks/stripe";
        return new FakeStripeApp(app, server, receiver, address);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Verifies, dedupes by event id, matches the pending checkout and credits the tenant's account — a stand-in for
/// the product's webhook endpoint, built only from the billing building blocks.
/// </summary>
internal sealed class WebhookReceiver(StripeOptions options)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _processedEventIds = [];

    /// <summary>Shifts the receiver's clock, to replay a delivery later.</summary>
    public TimeSpan ClockOffset { get; set; }

    public Dictionary<string, PendingCheckout> Pending { get; } = [];
    public Dictionary<string, Account> Accounts { get; } = [];
    public List<(string? Signature, byte[] Body)> Received { get; } = [];
    public List<string> Log { get; } = [];

    public static PlanVersion Plan { get; } = new("standard", 1, new DateOnly(2025, 1, 1), Money.Of(1500m, "RUB"), 0);

    public Account OpenAccount(string tenant)
    {
        var account = new Account();
        foreach (var e in AccountDecisions.Decide(account, new OpenAccount(Plan, new DateOnly(2025, 6, 1), DateTimeOffset.UtcNow))) account.Apply(e);
        lock (_lock) Accounts[tenant] = account;
        return account;
    }

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        string? signature = request.Headers[StripeGateway.SignatureHeader];
        var clock = new TestClock(DateTimeOffset.UtcNow + ClockOffset);
        var gateway = new StripeGateway(options, clock);

        lock (_lock)
        {
            Received.Add((signature, body));
            StripeWebhookEvent e;
            try
            {
                e = gateway.ParseWebhook(signature, body);
            }
            catch (Exception ex) when (ex is StripeSignatureException or StripeWebhookFormatException)
            {
                Log.Add("refused: " + ex.Message);
                return Results.BadRequest(ex.Message);
            }
            if (!_processedEventIds.Add(e.Id))
            {
                Log.Add("duplicate: " + e.Id);
                return Results.Ok();
            }
            var pending = e.CheckoutSession is { } s ? Pending.GetValueOrDefault(s.Id) : null;
            var result = CheckoutWebhookResult.Interpret(e, pending);
            Log.Add($"{result.Outcome}: {result.Reason}");
            if (result.Outcome == CheckoutWebhookOutcome.Credit)
            {
                var account = Accounts[result.TenantRef!];
                foreach (var applied in AccountDecisions.Decide(account, result.ToTopUp(clock.GetUtcNow()))) account.Apply(applied);
            }
            return Results.Ok();
        }
    }
}
