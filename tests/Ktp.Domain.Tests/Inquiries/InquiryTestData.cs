using Ktp.Domain.Inquiries;

namespace Ktp.Domain.Tests.Inquiries;

internal static class InquiryTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(3));

    public static readonly Actor Anna = Actor.User(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Anna");
    public static readonly Actor Boris = Actor.User(Guid.Parse("00000000-0000-0000-0000-00000000000b"), "Boris");
    public static readonly Actor Maria = Actor.User(Guid.Parse("00000000-0000-0000-0000-00000000000c"), "Maria (manager)");

    public static readonly InquiryId TheInquiry = InquiryId.From(Guid.Parse("10000000-0000-0000-0000-000000000001"));
    public static readonly ProjectId Project = ProjectId.From(Guid.Parse("20000000-0000-0000-0000-000000000001"));
    public static readonly ContactId Contact = ContactId.From(Guid.Parse("30000000-0000-0000-0000-000000000001"));
    public static readonly CustomerId Customer = CustomerId.From(Guid.Parse("40000000-0000-0000-0000-000000000001"));
    public const string FrontOffice = "front_office";
    public const string BackOffice = "back_office";

    public static readonly TopicGroupId ComplaintsGroup = TopicGroupId.From(Guid.Parse("60000000-0000-0000-0000-000000000001"));
    public static readonly TopicGroupId QualityGroup = TopicGroupId.From(Guid.Parse("60000000-0000-0000-0000-000000000002"));
    public static readonly TopicId BadConnection = TopicId.From(Guid.Parse("70000000-0000-0000-0000-000000000001"));

    public static DateTimeOffset Minutes(int minutes) => T0.AddMinutes(minutes);

    /// <summary>
    /// Complaints (incident_date required, contract_no) ⊃ Quality (signal_level 1..5) ⊃ topic "Bad connection"
    /// (own: address, callback; overrides contract_no to be read-only).
    /// </summary>
    public static TopicCatalog Catalog() => new(
        [
            new TopicGroup(ComplaintsGroup, "Complaints", null)
            {
                AttributeGroups = [new AttributeGroup("main", "Main")],
                Attributes =
                [
                    new AttributeDefinition("incident_date", "Incident date", AttributeType.Date) { Required = FlagRule.Always, GroupCode = "main" },
                    new AttributeDefinition("contract_no", "Contract number", AttributeType.String) { MaxLength = 10 },
                ],
            },
            new TopicGroup(QualityGroup, "Quality of service", ComplaintsGroup)
            {
                AttributeGroups = [new AttributeGroup("tech", "Technical details") { CollapsedByDefault = true }],
                Attributes = [new AttributeDefinition("signal_level", "Signal level", AttributeType.Decimal) { Min = 1, Max = 5, Default = "3", GroupCode = "tech" }],
            },
        ],
        [
            new Topic(BadConnection, QualityGroup, "Bad connection", TopicKind.Complaint)
            {
                Attributes =
                [
                    new AttributeDefinition("address", "Address", AttributeType.String) { Required = FlagRule.When("""{"==": [{"var": "attributes.callback"}, true]}""") },
                    new AttributeDefinition("callback", "Call back", AttributeType.Boolean) { Default = "false" },
                    new AttributeDefinition("contract_no", "Contract number", AttributeType.String) { MaxLength = 10, ReadOnly = FlagRule.Always },
                ],
            },
        ]);

    public static EffectiveTopic Topic() => Catalog().Effective(BadConnection);

    public static RegisterInquiry Register(IReadOnlyDictionary<string, string?>? attributes = null, Actor? by = null) =>
        new(TheInquiry, Project, Contact, Customer, Topic(), "phone", "normal",
            attributes ?? new Dictionary<string, string?> { ["incident_date"] = "2025-06-01", ["contract_no"] = "C-1" },
            by ?? Anna, T0) { Number = 42 };

    public static Inquiry Registered() => Given(Register());

    public static Inquiry Waiting() => Given(Register(), new QueueInquiry(FrontOffice, "first_line", Minutes(60), Actor.System, Minutes(1)));

    public static Inquiry InWorkBy(Actor actor) => Given(Waiting(), new TakeInquiry(actor, Minutes(2)));

    public static Inquiry Processed() => Given(InWorkBy(Anna), new MarkProcessed("Replaced the SIM card", Anna, Minutes(3)));

    public static Inquiry Closed() => Given(Processed(), new CloseInquiry("Customer satisfied", Topic(), Anna, Minutes(4)));

    public static Inquiry Archived() => Given(Closed(), new ArchiveInquiry(Actor.System, Minutes(5)));

    public static Inquiry Given(params InquiryCommand[] commands) => Given(new Inquiry(), commands);

    public static Inquiry Given(Inquiry state, params InquiryCommand[] commands)
    {
        foreach (var command in commands) state.Run(command);
        return state;
    }

    /// <summary>Decides the command on the state and applies the events, returning them.</summary>
    public static IReadOnlyList<object> Run(this Inquiry state, InquiryCommand command)
    {
        var events = InquiryDecisions.Decide(state, command);
        foreach (var e in events) state.Apply(e);
        return events;
    }

    /// <summary>Field errors as one message per field, for comparing.</summary>
    public static Dictionary<string, string> Flat(this IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value));

    public static IReadOnlyList<object> Decide(this Inquiry state, InquiryCommand command) => InquiryDecisions.Decide(state, command);

    public static Inquiry InState(InquiryStatus status) => status switch
    {
        InquiryStatus.None => new Inquiry(),
        InquiryStatus.Registered => Registered(),
        InquiryStatus.Waiting => Waiting(),
        InquiryStatus.InWork => InWorkBy(Anna),
        InquiryStatus.Processed => Processed(),
        InquiryStatus.Closed => Closed(),
        InquiryStatus.Archived => Archived(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
