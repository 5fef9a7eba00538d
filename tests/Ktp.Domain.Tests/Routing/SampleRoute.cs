using Ktp.Domain.Routing;

namespace Ktp.Domain.Tests.Routing;

/// <summary>
/// A complaint route: triage → investigation → answer → close. Consultations skip investigation;
/// queues are chosen by rules on customer, topic and channel.
/// </summary>
internal static class SampleRoute
{
    public const string IsVip = """{"==": [{"var": "customer.vip"}, true]}""";
    public const string IsConsultation = """{"==": [{"var": "kind"}, "consultation"]}""";
    public const string IsBillingTopic = """{"in": ["billing", {"var": "topic"}]}""";
    public const string IsBigClaim = """{">": [{"var": "attributes.amount"}, 10000]}""";
    public const string ByPhone = """{"==": [{"var": "channel"}, "phone"]}""";

    public static ProcessDefinition Triage => new(
        "triage", "Triage",
        [new("first-line", "First line"), new("vip-line", "VIP line")],
        [new(IsVip, "vip-line")], "first-line",
        [new(IsConsultation, "answer")], "investigation");

    public static ProcessDefinition Investigation => new(
        "investigation", "Investigation",
        [new("billing", "Billing team"), new("legal", "Legal"), new("general", "General back office")],
        [new(IsBigClaim, "legal"), new(IsBillingTopic, "billing")], "general",
        [], "answer");

    public static ProcessDefinition Answer => new(
        "answer", "Answer to the customer",
        [new("callback", "Call back"), new("written", "Written answer")],
        [new(ByPhone, "callback")], "written",
        [], Transition.Close);

    public static RouteDefinition Complaints(int version = 1) =>
        new("complaints", "Complaints", version, "triage", [Triage, Investigation, Answer]);

    /// <summary>One process with a single queue (its code is unique in the route) and the given exits.</summary>
    public static ProcessDefinition Step(string code, string defaultNext, params Transition[] transitions) =>
        new(code, code.ToUpperInvariant(), [new("q-" + code, "Queue")], [], "q-" + code, transitions, defaultNext);

    public static RouteDefinition Route(string start, params ProcessDefinition[] processes) =>
        new("r", "Route", 1, start, processes);
}
