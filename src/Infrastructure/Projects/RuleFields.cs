
namespace Ktp.Infrastructure.Projects;

/// <summary>The data fields condition builders offer (see FormContext and RoutingData for what rules read).</summary>
public static class RuleFields
{
    /// <summary>Facts of the inquiry that attribute rules and route rules can read.</summary>
    public static readonly IReadOnlyList<string> Inquiry =
        ["channel", "kind", "topic", "priority", "status", "process", "customer.category", "customer.vip"];

    /// <summary>Route rules also read the local time.</summary>
    public static readonly IReadOnlyList<string> Route =
        ["topic", "kind", "channel", "priority", "customer.category", "customer.vip", "time.hour", "time.weekday"];

    public static IEnumerable<string> ForAttributes(IEnumerable<string> attributeCodes, IEnumerable<string>? facts = null) =>
        (facts ?? Inquiry).Concat(attributeCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().Order().Select(c => "attributes." + c));
}
