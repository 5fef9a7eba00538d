using System.Text.Json.Nodes;

namespace Ktp.Testing;

/// <summary>Stripe event bodies as Stripe sends them, for webhook tests.</summary>
public static class StripeEvents
{
    public static string CheckoutCompleted(string eventId, string sessionId, Guid tenantId, long amountMinor, string currency = "rub") => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["type"] = "checkout.session.completed",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = sessionId,
                ["object"] = "checkout.session",
                ["amount_total"] = amountMinor,
                ["currency"] = currency,
                ["client_reference_id"] = tenantId.ToString(),
                ["payment_status"] = "paid",
                ["status"] = "complete",
                ["metadata"] = new JsonObject { ["tenant_id"] = tenantId.ToString() },
            },
        },
    }.ToJsonString();
}
