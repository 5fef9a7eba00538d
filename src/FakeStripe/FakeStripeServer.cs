using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ktp.Domain.Billing;

namespace Ktp.FakeStripe;

/// <summary>One POST of a signed event to the webhook URL, as the fake made it.</summary>
public sealed record FakeWebhookDelivery(string EventId, string SessionId, string Url, int? StatusCode, string? Error, DateTimeOffset At);

/// <summary>An error the fake answers in Stripe's shape.</summary>
public sealed record FakeStripeError(int Status, string Type, string Message, string? Param = null, string? Code = null)
{
    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject { ["type"] = Type, ["message"] = Message, ["param"] = Param, ["code"] = Code },
    };
}

/// <summary>
/// In-memory state of the fake Stripe for tests and the demo: checkout sessions, idempotency keys, and the
/// signed <c>checkout.session.completed</c> webhooks it delivers when a session is paid. HTTP is in
/// <see cref="FakeStripeEndpoints"/>.
/// </summary>
public sealed class FakeStripeServer(FakeStripeOptions options, TimeProvider? time = null, HttpMessageHandler? webhookHandler = null) : IDisposable
{
    private const string IdChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly ConcurrentDictionary<string, FakeCheckoutSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Fingerprint, string SessionId)> _idempotency = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeWebhookDelivery> _deliveries = new();
    private readonly HttpClient _webhooks = webhookHandler is null ? new HttpClient() : new HttpClient(webhookHandler, disposeHandler: false);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public FakeStripeOptions Options => options;
    public IReadOnlyCollection<FakeCheckoutSession> Sessions => [.. _sessions.Values];
    public IReadOnlyList<FakeWebhookDelivery> Deliveries => [.. _deliveries];

    public FakeCheckoutSession? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <summary>Null when the Authorization header carries an accepted secret key.</summary>
    public FakeStripeError? CheckAuthorization(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var value) || value.Scheme != "Bearer" || string.IsNullOrEmpty(value.Parameter))
            return new(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        var key = value.Parameter;
        var accepted = options.ApiKey is null ? key.StartsWith("sk_test_", StringComparison.Ordinal) : key == options.ApiKey;
        return accepted ? null : new(401, "invalid_request_error", $"Invalid API Key provided: {Redact(key)}");
    }

    /// <summary>Creates a session from Stripe's form fields, or repeats the one created with the same idempotency key.</summary>
    /// <param name="checkoutPageBase">Absolute URL the hosted pages live under, e.g. <c>http://host/stripe/checkout/</c>.</param>
    public (FakeCheckoutSession? Session, FakeStripeError? Error) CreateSession(
        IReadOnlyDictionary<string, string> form, string? idempotencyKey, string checkoutPageBase)
    {
        var fingerprint = string.Join("&", form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        if (idempotencyKey is not null && _idempotency.TryGetValue(idempotencyKey, out var earlier))
            return earlier.Fingerprint == fingerprint
                ? (_sessions[earlier.SessionId], null)
                : (null, new(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request."));

        var error = Validate(form, out var currency, out var unitAmount, out var quantity);
        if (error is not null) return (null, error);

        var id = "cs_test_" + RandomNumberGenerator.GetString(IdChars, 58);
        var session = new FakeCheckoutSession
        {
            Id = id,
            UnitAmount = unitAmount,
            Quantity = quantity,
            Currency = currency,
            ProductName = form["line_items[0][price_data][product_data][name]"],
            SuccessUrl = form["success_url"],
            CancelUrl = form.GetValueOrDefault("cancel_url"),
            ClientReferenceId = form.GetValueOrDefault("client_reference_id"),
            Metadata = form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
                .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value),
            Url = checkoutPageBase + id,
            Created = _time.GetUtcNow(),
        };
        _sessions[id] = session;
        if (idempotencyKey is not null && !_idempotency.TryAdd(idempotencyKey, (fingerprint, id)))
            return CreateSession(form, idempotencyKey, checkoutPageBase); // lost a race with the same key
        return (session, null);
    }

    /// <summary>Marks the session paid and delivers its completed event; paying again delivers nothing.</summary>
    public async Task<FakeWebhookDelivery?> PayAsync(string sessionId, CancellationToken ct = default)
    {
        var session = Find(sessionId) ?? throw new KeyNotFoundException($"No such checkout.session: '{sessionId}'");
        lock (session)
        {
            if (session.Paid) return null;
            session.MarkPaid("pi_test_" + RandomNumberGenerator.GetString(IdChars, 24), "evt_test_" + RandomNumberGenerator.GetString(IdChars, 24));
        }
        return await DeliverCompletedAsync(session, ct);
    }

    /// <summary>(Re)delivers a paid session's event with the same event id, as Stripe does when it retries.</summary>
    public async Task<FakeWebhookDelivery> DeliverCompletedAsync(FakeCheckoutSession session, CancellationToken ct = default)
    {
        var eventId = session.CompletedEventId ?? throw new InvalidOperationException($"Checkout session {session.Id} is not paid.");
        var now = _time.GetUtcNow();
        var url = options.WebhookUrl;
        if (string.IsNullOrEmpty(url)) return Record(new FakeWebhookDelivery(eventId, session.Id, "", null, "No webhook URL is configured.", now));

        var envelope = new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2024-06-20",
            ["created"] = now.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = session.ToJson() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = "checkout.session.completed",
        };
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(FakeWebhookSignature.HeaderName, FakeWebhookSignature.Header(options.WebhookSecret, now, body));
        try
        {
            using var response = await _webhooks.SendAsync(request, ct);
            return Record(new FakeWebhookDelivery(eventId, session.Id, url, (int)response.StatusCode, null, now));
        }
        catch (HttpRequestException e)
        {
            return Record(new FakeWebhookDelivery(eventId, session.Id, url, null, e.Message, now));
        }
    }

    public void Dispose() => _webhooks.Dispose();

    private FakeWebhookDelivery Record(FakeWebhookDelivery delivery)
    {
        _deliveries.Enqueue(delivery);
        return delivery;
    }

    private static FakeStripeError? Validate(IReadOnlyDictionary<string, string> form, out string currency, out long unitAmount, out long quantity)
    {
        currency = "";
        unitAmount = 0;
        quantity = 0;
        foreach (var required in (string[])["mode", "success_url", "line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]",
                     "line_items[0][price_data][product_data][name]", "line_items[0][quantity]"])
            if (string.IsNullOrWhiteSpace(form.GetValueOrDefault(required)))
                return new(400, "invalid_request_error", $"Missing required param: {required}.", required, "parameter_missing");
        if (form["mode"] != "payment")
            return new(400, "invalid_request_error", $"The fake Stripe supports only mode=payment, not '{form["mode"]}'.", "mode");
        if (!Uri.TryCreate(form["success_url"], UriKind.Absolute, out _))
            return new(400, "invalid_request_error", "Not a valid URL", "success_url", "url_invalid");
        currency = form["line_items[0][price_data][currency]"];
        if (currency != currency.ToLowerInvariant() || !Ktp.Domain.Billing.Currency.TryOf(currency, out _))
            return new(400, "invalid_request_error", $"Invalid currency: {currency}.", "line_items[0][price_data][currency]");
        if (!long.TryParse(form["line_items[0][price_data][unit_amount]"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out unitAmount) || unitAmount < 1)
            return new(400, "invalid_request_error", "Invalid integer: unit_amount must be a positive whole number of minor units.", "line_items[0][price_data][unit_amount]");
        if (!long.TryParse(form["line_items[0][quantity]"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out quantity) || quantity < 1)
            return new(400, "invalid_request_error", "Invalid integer: quantity must be a positive whole number.", "line_items[0][quantity]");
        return null;
    }

    private static string Redact(string key) => key.Length <= 12 ? "****" : key[..8] + new string('*', key.Length - 12) + key[^4..];

    /// <summary>The session's total as money, for the hosted page.</summary>
    public static Money AmountOf(FakeCheckoutSession session) =>
        Money.FromMinorUnits(session.AmountTotal, Ktp.Domain.Billing.Currency.Of(session.Currency));
}
