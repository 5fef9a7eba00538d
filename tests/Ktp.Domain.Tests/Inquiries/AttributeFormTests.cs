using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class AttributeFormTests
{
    private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>();

    private static IReadOnlyDictionary<string, string?> Values(params (string Code, string? Text)[] values) =>
        values.ToDictionary(v => v.Code, v => v.Text);

    private static AttributeDefinition Note(FlagRule? required = null, FlagRule? hidden = null, FlagRule? readOnly = null) =>
        new("note", "Note", AttributeType.String)
        {
            Required = required ?? FlagRule.Never,
            Hidden = hidden ?? FlagRule.Never,
            ReadOnly = readOnly ?? FlagRule.Never,
        };

    [Fact]
    public void Defaults_apply_to_codes_without_a_value_but_not_to_values_cleared_on_purpose()
    {
        var definitions = Topic().Attributes;

        AttributeForm.Evaluate(definitions, NoValues)["signal_level"].ShouldSatisfyAllConditions(
            f => f.Value.ShouldBe(AttributeValue.Of(3m)),
            f => f.IsDefault.ShouldBeTrue());
        AttributeForm.Evaluate(definitions, Values(("signal_level", "")))["signal_level"].ShouldSatisfyAllConditions(
            f => f.Value.ShouldBeNull(),
            f => f.IsDefault.ShouldBeFalse());
    }

    [Fact]
    public void Fixed_flags_are_resolved_as_configured()
    {
        var form = AttributeForm.Evaluate(Topic().Attributes, NoValues);

        form["incident_date"].Required.ShouldBeTrue();
        form["contract_no"].ReadOnly.ShouldBeTrue();
        form["callback"].ShouldSatisfyAllConditions(f => f.Required.ShouldBeFalse(), f => f.Hidden.ShouldBeFalse());
    }

    [Fact]
    public void A_rule_makes_an_attribute_required_when_another_attribute_says_so()
    {
        var definitions = Topic().Attributes;

        AttributeForm.Evaluate(definitions, Values(("callback", "true")))["address"].Required.ShouldBeTrue();
        AttributeForm.Evaluate(definitions, Values(("callback", "false")))["address"].Required.ShouldBeFalse();
    }

    [Fact]
    public void Rules_read_the_inquiry_context_and_the_customer()
    {
        var definitions = new[]
        {
            Note(hidden: FlagRule.When("""{"==": [{"var": "channel"}, "email"]}"""),
                 readOnly: FlagRule.When("""{"and": [{"var": "customer.vip"}, {"==": [{"var": "status"}, "in_work"]}]}""")),
        };
        var context = new FormContext(Channel: "email", Status: InquiryStatus.InWork, Customer: new CustomerFacts("b2b", Vip: true));

        var note = AttributeForm.Evaluate(definitions, NoValues, context)["note"];

        note.Hidden.ShouldBeTrue();
        note.ReadOnly.ShouldBeTrue();
    }

    [Fact]
    public void Rules_compare_dates_in_order_and_decimals_as_numbers()
    {
        var definitions = new AttributeDefinition[]
        {
            new("since", "Since", AttributeType.Date),
            new("amount", "Amount", AttributeType.Decimal),
            Note(required: FlagRule.When("""{"and": [{"<": [{"var": "attributes.since"}, "2025-01-01"]}, {">": [{"var": "attributes.amount"}, 1000]}]}""")),
        };

        AttributeForm.Evaluate(definitions, Values(("since", "31.12.2024"), ("amount", "1000.01")))["note"].Required.ShouldBeTrue();
        AttributeForm.Evaluate(definitions, Values(("since", "2025-01-01"), ("amount", "5000")))["note"].Required.ShouldBeFalse();
    }

    [Fact]
    public void A_rule_that_references_a_missing_field_reads_it_as_null_and_does_not_crash()
    {
        var definitions = new[]
        {
            Note(required: FlagRule.When("""{"==": [{"var": "attributes.no_such_attribute"}, null]}"""),
                 hidden: FlagRule.When("""{">": [{"var": "customer.category.level"}, 2]}"""),
                 readOnly: FlagRule.When("""{"in": ["x", {"var": "nothing.here"}]}""")),
        };

        var note = AttributeForm.Evaluate(definitions, NoValues)["note"];

        note.Required.ShouldBeTrue();
        note.Hidden.ShouldBeFalse();
        note.ReadOnly.ShouldBeFalse();
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_a_field_error_and_reads_as_null_in_rules()
    {
        var definitions = new AttributeDefinition[]
        {
            new("due", "Due date", AttributeType.Date),
            Note(required: FlagRule.When("""{"!": {"var": "attributes.due"}}""")),
        };

        var form = AttributeForm.Evaluate(definitions, Values(("due", "next week")));

        form.Validate().Flat().ShouldBe(new Dictionary<string, string>
        {
            ["due"] = "Attribute 'Due date' expects a date.",
            ["note"] = "Attribute 'Note' is required.",
        });
    }

    [Fact]
    public void Validation_reports_required_too_long_and_out_of_range()
    {
        var form = AttributeForm.Evaluate(Topic().Attributes, Values(("contract_no", "C-1234567890"), ("signal_level", "0")));

        form.Validate().Flat().ShouldBe(new Dictionary<string, string>
        {
            ["incident_date"] = "Attribute 'Incident date' is required.",
            ["contract_no"] = "Attribute 'Contract number' is longer than 10 characters.",
            ["signal_level"] = "Attribute 'Signal level' must be at least 1.",
        });
    }

    [Fact]
    public void Each_problem_is_also_given_as_a_kind_and_detail_for_the_form_to_word_in_the_users_language()
    {
        var form = AttributeForm.Evaluate(Topic().Attributes, Values(("contract_no", "C-1234567890"), ("signal_level", "0")));
        var problems = form.Fields.Where(f => f.Problem is not null).ToDictionary(f => f.Code, f => f.Problem);

        problems.ShouldBe(new Dictionary<string, FieldProblem?>
        {
            ["incident_date"] = new(FieldProblemKind.Required),
            ["contract_no"] = new(FieldProblemKind.TooLong, "10"),
            ["signal_level"] = new(FieldProblemKind.BelowMin, "1"),
        });
        AttributeForm.Evaluate([new AttributeDefinition("due", "Due date", AttributeType.Date)], Values(("due", "next week")))
            .Fields[0].Problem.ShouldBe(new FieldProblem(FieldProblemKind.WrongType, "a date"));
    }

    [Fact]
    public void Hidden_attributes_are_not_required()
    {
        var form = AttributeForm.Evaluate([Note(required: FlagRule.Always, hidden: FlagRule.Always)], NoValues);

        form.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Inactive_definitions_and_values_without_a_definition_are_left_out()
    {
        var form = AttributeForm.Evaluate(
            [Note(required: FlagRule.Always) with { Active = false }, new("kept", "Kept", AttributeType.Boolean)],
            Values(("stray", "x"), ("kept", "true")));

        form.Fields.Select(f => f.Code).ShouldBe(["kept"]);
        form.StoredValues().ShouldBe(new Dictionary<string, string> { ["kept"] = "true" });
    }

    [Fact]
    public void Stored_values_are_canonical_text_with_empty_strings_for_empty_fields()
    {
        var form = AttributeForm.Evaluate(Topic().Attributes, Values(("incident_date", "01.06.2025"), ("signal_level", "4,5")));

        form.StoredValues().ShouldBe(new Dictionary<string, string>
        {
            ["incident_date"] = "2025-06-01",
            ["contract_no"] = "",
            ["signal_level"] = "4.5",
            ["address"] = "",
            ["callback"] = "false",
        });
    }
}
