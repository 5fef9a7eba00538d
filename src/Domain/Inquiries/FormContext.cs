using System.Text.Json.Nodes;

namespace Ktp.Domain.Inquiries;

/// <summary>What a project keeps about the customer that attribute rules may read.</summary>
public sealed record CustomerFacts(string? Category, bool Vip);

/// <summary>
/// The inquiry facts that attribute rules see besides the attribute values. Rules get this data:
/// <code>
/// { "attributes": { "&lt;code&gt;": value, ... },   // dates as "yyyy-MM-dd", decimals as numbers
///   "topic": "&lt;topic id&gt;", "kind": "complaint", "channel": "phone", "priority": "high",
///   "status": "in_work", "process": "&lt;process code&gt;",
///   "customer": { "category": "b2b", "vip": true } }
/// </code>
/// Anything unknown is simply absent, and JsonLogic reads an absent field as null: a rule that names a
/// missing field never fails, it sees null.
/// </summary>
public sealed record FormContext(
    TopicId? Topic = null,
    TopicKind? Kind = null,
    string? Channel = null,
    string? Priority = null,
    InquiryStatus? Status = null,
    string? Process = null,
    CustomerFacts? Customer = null)
{
    public static readonly FormContext Empty = new();

    /// <summary>The context of a registered inquiry; customer facts come from the customer's record.</summary>
    public static FormContext Of(Inquiry inquiry, CustomerFacts? customer = null)
    {
        ArgumentNullException.ThrowIfNull(inquiry);
        return new(inquiry.TopicId, inquiry.Kind, inquiry.Channel, inquiry.Priority, inquiry.Status, inquiry.ProcessCode, customer);
    }

    /// <summary>The data object rules are evaluated against.</summary>
    public JsonObject ToRuleData(IEnumerable<KeyValuePair<string, AttributeValue?>> attributes)
    {
        var values = new JsonObject();
        foreach (var (code, value) in attributes)
            if (value is not null) values[code] = value.ToJson();

        var data = new JsonObject { ["attributes"] = values };
        if (Topic is { } topic) data["topic"] = topic.ToString();
        if (Kind is { } kind) data["kind"] = kind.ToCode();
        if (Channel is not null) data["channel"] = Channel;
        if (Priority is not null) data["priority"] = Priority;
        if (Status is { } status) data["status"] = status.ToCode();
        if (Process is not null) data["process"] = Process;
        if (Customer is not null)
        {
            var customer = new JsonObject { ["vip"] = Customer.Vip };
            if (Customer.Category is not null) customer["category"] = Customer.Category;
            data["customer"] = customer;
        }
        return data;
    }
}
