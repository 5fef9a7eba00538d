using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class ChangingAttributesTests
{
    private static ChangeAttributes Change(params (string Code, string? Text)[] values) =>
        new(Topic(), values.ToDictionary(v => v.Code, v => v.Text), Anna, Minutes(10));

    [Fact]
    public void Changing_attributes_records_old_and_new_text_of_the_changed_ones_only()
    {
        var inquiry = InWorkBy(Anna);

        var changed = inquiry.Run(Change(("signal_level", "4.0"), ("callback", "true"), ("address", "Main st. 1"), ("incident_date", "01.06.2025")))
            .ShouldHaveSingleItem().ShouldBeOfType<AttributesChanged>();

        changed.Changes.ShouldBe(new Dictionary<string, AttributeChange>
        {
            ["signal_level"] = new("3", "4.0"),
            ["callback"] = new("false", "true"),
            ["address"] = new("", "Main st. 1"),
        });
        inquiry.Attributes["address"].ShouldBe("Main st. 1");
    }

    [Fact]
    public void Changing_to_the_same_values_records_nothing()
    {
        InWorkBy(Anna).Decide(Change(("signal_level", "3.00"), ("incident_date", "2025-06-01"))).ShouldBeEmpty();
    }

    [Fact]
    public void Clearing_an_attribute_stores_it_as_empty()
    {
        var inquiry = InWorkBy(Anna);

        inquiry.Run(Change(("signal_level", "")));

        inquiry.Attributes["signal_level"].ShouldBe("");
        AttributeForm.Evaluate(Topic().Attributes, inquiry.Attributes.ToDictionary(a => a.Key, string? (a) => a.Value))["signal_level"]
            .Value.ShouldBeNull();
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_a_field_error()
    {
        Should.Throw<ValidationFailedException>(() => InWorkBy(Anna).Decide(Change(("signal_level", "high"), ("callback", "maybe"))))
            .Errors.Flat().ShouldBe(new Dictionary<string, string>
            {
                ["signal_level"] = "Attribute 'Signal level' expects a number.",
                ["callback"] = "Attribute 'Call back' expects true or false.",
            });
    }

    [Fact]
    public void A_read_only_attribute_cannot_be_changed()
    {
        Should.Throw<ValidationFailedException>(() => InWorkBy(Anna).Decide(Change(("contract_no", "C-2"))))
            .Errors.Flat().ShouldBe(new Dictionary<string, string> { ["contract_no"] = "Attribute 'Contract number' is read-only." });
    }

    [Fact]
    public void A_rule_driven_read_only_attribute_is_refused_only_while_the_rule_holds()
    {
        var topic = Topic() with
        {
            Attributes = [.. Topic().Attributes, new AttributeDefinition("memo", "Memo", AttributeType.String)
            {
                ReadOnly = FlagRule.When("""{"==": [{"var": "status"}, "processed"]}"""),
            }],
        };

        InWorkBy(Anna).Decide(Change(("memo", "ok")) with { Topic = topic }).ShouldHaveSingleItem();
        Should.Throw<ValidationFailedException>(() => Processed().Decide(Change(("memo", "ok")) with { Topic = topic }))
            .Errors.Keys.ShouldBe(["memo"]);
    }

    [Fact]
    public void The_form_must_stay_valid_after_the_change()
    {
        Should.Throw<ValidationFailedException>(() => InWorkBy(Anna).Decide(Change(("callback", "true"))))
            .Errors.Flat().ShouldBe(new Dictionary<string, string> { ["address"] = "Attribute 'Address' is required." });
    }

    [Fact]
    public void Unknown_attributes_are_refused()
    {
        Should.Throw<ValidationFailedException>(() => InWorkBy(Anna).Decide(Change(("colour", "red")))).Errors.Keys.ShouldBe(["colour"]);
    }

    [Fact]
    public void Attributes_of_another_topic_are_a_programming_error()
    {
        var other = Topic() with { Topic = Topic().Topic with { Id = TopicId.New() } };

        Should.Throw<ArgumentException>(() => InWorkBy(Anna).Decide(Change(("signal_level", "4")) with { Topic = other }));
    }

    [Fact]
    public void Someone_else_cannot_change_an_inquiry_in_work_but_a_manager_can()
    {
        Should.Throw<InquiryException>(() => InWorkBy(Boris).Decide(Change(("signal_level", "4"))))
            .Message.ShouldBe("The inquiry is in work by Boris; only they or a manager can change its attributes.");
        InWorkBy(Boris).Decide(Change(("signal_level", "4")) with { By = Maria, ByManager = true }).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.Processed)]
    public void Attributes_can_change_while_the_inquiry_is_open(InquiryStatus status)
    {
        InState(status).Decide(Change(("signal_level", "5"))).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(InquiryStatus.Closed, "The inquiry is closed; it cannot be edited.")]
    [InlineData(InquiryStatus.Archived, "The inquiry is archived; it cannot be edited.")]
    public void Attributes_of_a_closed_or_archived_inquiry_cannot_change(InquiryStatus status, string message)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(Change(("signal_level", "5")))).Message.ShouldBe(message);
    }

    [Fact]
    public void A_change_decided_on_a_stale_version_is_refused()
    {
        var inquiry = InWorkBy(Anna);

        var error = Should.Throw<StaleInquiryException>(() => inquiry.Decide(Change(("signal_level", "4")) with { ExpectedVersion = 1 }));

        (error.Expected, error.Actual).ShouldBe((1L, 3L));
        inquiry.Decide(Change(("signal_level", "4")) with { ExpectedVersion = 3 }).ShouldHaveSingleItem();
    }
}
