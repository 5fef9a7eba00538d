using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class RegisteringTests
{
    [Fact]
    public void Registering_records_the_inquiry_with_every_attribute_and_defaults_applied()
    {
        var registered = new Inquiry().Decide(Register()).ShouldHaveSingleItem().ShouldBeOfType<InquiryRegistered>();

        registered.ShouldSatisfyAllConditions(
            e => e.InquiryId.ShouldBe(TheInquiry),
            e => e.TopicId.ShouldBe(BadConnection),
            e => e.Kind.ShouldBe(TopicKind.Complaint),
            e => e.Channel.ShouldBe("phone"),
            e => e.CustomerId.ShouldBe(Customer),
            e => e.By.ShouldBe(Anna),
            e => e.At.ShouldBe(T0),
            e => e.Number.ShouldBe(42));
        registered.Attributes.ShouldBe(new Dictionary<string, string>
        {
            ["incident_date"] = "2025-06-01",
            ["contract_no"] = "C-1",
            ["signal_level"] = "3",
            ["address"] = "",
            ["callback"] = "false",
        });
    }

    [Fact]
    public void A_registered_inquiry_is_in_the_registered_state()
    {
        var inquiry = Registered();

        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Registered),
            i => i.Version.ShouldBe(1),
            i => i.RegisteredBy.ShouldBe(Anna),
            i => i.Attributes["signal_level"].ShouldBe("3"));
    }

    [Fact]
    public void An_inquiry_is_not_registered_without_its_number()
    {
        Should.Throw<ValidationFailedException>(() => new Inquiry().Decide(Register() with { Number = 0 }))
            .Errors.Keys.ShouldContain("number");
    }

    [Fact]
    public void The_number_is_part_of_the_state_folded_from_the_events()
    {
        Registered().Number.ShouldBe(42);
    }

    [Fact]
    public void An_inquiry_cannot_be_registered_twice()
    {
        Should.Throw<InquiryException>(() => Registered().Decide(Register()))
            .Message.ShouldBe($"Inquiry {TheInquiry} is already registered.");
    }

    [Fact]
    public void Registering_checks_the_attributes_against_the_topic()
    {
        var error = Should.Throw<ValidationFailedException>(() => new Inquiry().Decide(Register(new Dictionary<string, string?>
        {
            ["incident_date"] = "yesterday",
            ["signal_level"] = "9",
            ["callback"] = "true",
            ["colour"] = "red",
        })));

        error.Errors.Flat().ShouldBe(new Dictionary<string, string>
        {
            ["colour"] = "Attribute 'colour' is not an active attribute of topic 'Bad connection'.",
            ["incident_date"] = "Attribute 'Incident date' expects a date.",
            ["signal_level"] = "Attribute 'Signal level' must be at most 5.",
            ["address"] = "Attribute 'Address' is required.",
        });
    }

    [Fact]
    public void Registering_needs_an_active_topic_a_channel_and_a_priority()
    {
        var command = Register() with
        {
            Topic = Topic() with { Topic = Topic().Topic with { Active = false } },
            Channel = " ",
            Priority = "",
        };

        Should.Throw<ValidationFailedException>(() => new Inquiry().Decide(command))
            .Errors.Keys.ShouldBe(["topicId", "channel", "priority"], ignoreOrder: true);
    }

    [Fact]
    public void A_child_inquiry_is_registered_with_its_parent_and_route()
    {
        var route = new Ktp.Domain.Routing.RouteRef("complaints", 3);
        var parent = InquiryId.New();

        var registered = (InquiryRegistered)new Inquiry().Decide(Register() with { ParentId = parent, Route = route }).Single();

        registered.ParentId.ShouldBe(parent);
        registered.Route.ShouldBe(route);
    }

    [Fact]
    public void An_inquiry_cannot_be_its_own_parent()
    {
        Should.Throw<ValidationFailedException>(() => new Inquiry().Decide(Register() with { ParentId = TheInquiry }))
            .Errors.Keys.ShouldContain("parentId");
    }

    [Fact]
    public void Rules_at_registration_see_the_channel_and_customer()
    {
        var topic = Topic() with
        {
            Attributes = [new AttributeDefinition("vip_note", "VIP note", AttributeType.String) { Required = FlagRule.When("""{"var": "customer.vip"}""") }],
        };
        var command = Register(new Dictionary<string, string?>()) with { Topic = topic, Customer = new CustomerFacts("gold", Vip: true) };

        Should.Throw<ValidationFailedException>(() => new Inquiry().Decide(command)).Errors.Keys.ShouldBe(["vip_note"]);
        new Inquiry().Decide(command with { Customer = new CustomerFacts("gold", Vip: false) }).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_rule_about_a_customer_that_is_not_known_sees_null_and_registration_goes_on()
    {
        var topic = Topic() with
        {
            Attributes = [new AttributeDefinition("b2b_contract", "B2B contract", AttributeType.String)
            {
                Required = FlagRule.When("""{"==": [{"var": "customer.category"}, "b2b"]}"""),
                Hidden = FlagRule.When("""{"!": {"var": "customer.category"}}"""),
            }],
        };

        var registered = (InquiryRegistered)new Inquiry().Decide(Register(new Dictionary<string, string?>()) with { Topic = topic }).Single();

        registered.Attributes.ShouldBe(new Dictionary<string, string> { ["b2b_contract"] = "" });
    }

    [Theory]
    [MemberData(nameof(OtherCommands))]
    public void Commands_other_than_registering_are_refused_before_registration(InquiryCommand command)
    {
        Should.Throw<InquiryException>(() => new Inquiry().Decide(command)).Message.ShouldBe("The inquiry is not registered.");
    }

    public static TheoryData<InquiryCommand> OtherCommands() =>
    [
        new TakeInquiry(Anna, T0),
        new QueueInquiry(FrontOffice, "first_line", null, Anna, T0),
        new AddComment("hello", Anna, T0),
        new ArchiveInquiry(Actor.System, T0),
    ];
}
