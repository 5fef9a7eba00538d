using System.Text.Json.Nodes;

namespace Ktp.FakeStripe;

/// <summary>A checkout session held by the fake Stripe, serialised the way Stripe shapes a Checkout Session object.</summary>
public sealed class FakeCheckoutSession
{
    public required string Id { get; init; }
    public required long UnitAmount { get; init; }
    public required long Quantity { get; init; }
    public required string Currency { get; init; }
    public required string ProductName { get; init; }
    public required string SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public string? ClientReferenceId { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset Created { get; init; }

    public long AmountTotal => UnitAmount * Quantity;
    public bool Paid => PaymentIntent is not null;
    public string? PaymentIntent { get; private set; }

    /// <summary>The <c>checkout.session.completed</c> event id, fixed at payment so every delivery repeats it.</summary>
    public string? CompletedEventId { get; private set; }

    internal void MarkPaid(string paymentIntent, string eventId)
    {
        PaymentIntent = paymentIntent;
        CompletedEventId = eventId;
    }

    public JsonObject ToJson()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata) metadata[key] = value;
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = AmountTotal,
            ["amount_total"] = AmountTotal,
            ["cancel_url"] = CancelUrl,
            ["client_reference_id"] = ClientReferenceId,
            ["created"] = Created.ToUnixTimeSeconds(),
            ["currency"] = Currency,
            ["expires_at"] = Created.AddHours(24).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["mode"] = "payment",
            ["payment_intent"] = PaymentIntent,
            ["payment_status"] = Paid ? "paid" : "unpaid",
            ["status"] = Paid ? "complete" : "open",
            ["success_url"] = SuccessUrl,
            ["url"] = Paid ? null : Url,
        };
    }
}
