using System.Text.Json;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class TopicCatalogTests
{
    private static TopicGroup Group(TopicGroupId id, TopicGroupId? parent, params AttributeDefinition[] attributes) =>
        new(id, $"Group {id}", parent) { Attributes = attributes };

    private static AttributeDefinition Text(string code) => new(code, code, AttributeType.String);

    [Fact]
    public void A_topic_inherits_attributes_from_all_its_groups_root_first_then_its_own()
    {
        Catalog().EffectiveAttributes(BadConnection).Select(a => a.Code)
            .ShouldBe(["incident_date", "contract_no", "signal_level", "address", "callback"]);
    }

    [Fact]
    public void A_later_definition_with_the_same_code_overrides_the_inherited_one_in_place()
    {
        var contract = Catalog().EffectiveAttributes(BadConnection).Single(a => a.Code == "contract_no");

        contract.ReadOnly.ShouldBe(FlagRule.Always);
    }

    [Fact]
    public void Inactive_attributes_are_left_out_and_an_inactive_override_hides_the_inherited_one()
    {
        var root = TopicGroupId.New();
        var topic = new Topic(TopicId.New(), root, "T", TopicKind.Request)
        {
            Attributes = [Text("a") with { Active = false }, Text("b") with { Active = false }, Text("c")],
        };
        var catalog = new TopicCatalog([Group(root, null, Text("a"))], [topic]);

        catalog.EffectiveAttributes(topic.Id).Select(a => a.Code).ShouldBe(["c"]);
    }

    [Fact]
    public void Attribute_groups_are_inherited_too()
    {
        var topic = Catalog().Effective(BadConnection);

        topic.AttributeGroups.Select(g => (g.Code, g.CollapsedByDefault)).ShouldBe([("main", false), ("tech", true)]);
        topic.Topic.Name.ShouldBe("Bad connection");
    }

    [Fact]
    public void The_path_of_a_topic_goes_from_the_root_group_down()
    {
        Catalog().PathOf(BadConnection).Select(g => g.Id).ShouldBe([ComplaintsGroup, QualityGroup]);
    }

    [Fact]
    public void A_topic_without_a_group_has_only_its_own_attributes()
    {
        var topic = new Topic(TopicId.New(), null, "Loose", TopicKind.Consultation) { Attributes = [Text("x")] };

        new TopicCatalog([], [topic]).EffectiveAttributes(topic.Id).Select(a => a.Code).ShouldBe(["x"]);
    }

    [Fact]
    public void A_cycle_in_group_parents_is_refused_when_the_catalog_is_built()
    {
        var (a, b, c) = (TopicGroupId.New(), TopicGroupId.New(), TopicGroupId.New());

        var error = Should.Throw<ValidationFailedException>(() =>
            new TopicCatalog([Group(a, c), Group(b, a), Group(c, b)], []));

        error.Errors["groups"].ShouldHaveSingleItem().ShouldBe($"Topic groups form a cycle: 'Group {a}' → 'Group {c}' → 'Group {b}' → 'Group {a}'.");
    }

    [Fact]
    public void A_group_that_is_its_own_parent_is_a_cycle()
    {
        var a = TopicGroupId.New();
        Should.Throw<ValidationFailedException>(() => new TopicCatalog([Group(a, a)], []))
            .Message.ShouldContain("cycle");
    }

    [Fact]
    public void Unknown_parents_and_groups_are_refused()
    {
        var error = Should.Throw<ValidationFailedException>(() => new TopicCatalog(
            [Group(TopicGroupId.New(), TopicGroupId.New())],
            [new Topic(TopicId.New(), TopicGroupId.New(), "Orphan", TopicKind.Request)]));

        error.Errors["groups"].ShouldHaveSingleItem().ShouldContain("unknown parent");
        error.Errors["topics"].ShouldHaveSingleItem().ShouldContain("unknown group");
    }

    [Fact]
    public void Bad_attribute_definitions_are_refused_with_every_problem()
    {
        var topic = new Topic(TopicId.New(), null, "T", TopicKind.Request)
        {
            Attributes =
            [
                new AttributeDefinition("1st", "First", AttributeType.String),
                new AttributeDefinition("dict", "Dictionary", AttributeType.Dictionary),
                new AttributeDefinition("amount", "Amount", AttributeType.Decimal) { Min = 10, Max = 1, Default = "abc" },
                new AttributeDefinition("when", "When", AttributeType.Date) { GroupCode = "nowhere" },
                new AttributeDefinition("dup", "Dup", AttributeType.Boolean),
                new AttributeDefinition("dup", "Dup again", AttributeType.Boolean),
            ],
        };

        var errors = Should.Throw<ValidationFailedException>(() => new TopicCatalog([], [topic])).Errors["attributes"];

        errors.ShouldContain(e => e.Contains("'1st'") && e.Contains("latin identifier"));
        errors.ShouldContain(e => e.Contains("'dict'") && e.Contains("dictionary's code"));
        errors.ShouldContain(e => e.Contains("minimum is above the maximum"));
        errors.ShouldContain(e => e.Contains("default 'abc' is not a number"));
        errors.ShouldContain(e => e.Contains("unknown attribute group 'nowhere'"));
        errors.ShouldContain(e => e.Contains("'dup' appears twice"));
    }

    [Fact]
    public void A_default_outside_the_limits_is_refused()
    {
        new AttributeDefinition("level", "Level", AttributeType.Decimal) { Max = 5, Default = "7" }.Problems()
            .ShouldHaveSingleItem().ShouldContain("must be at most 5");
    }

    [Fact]
    public void An_unknown_topic_is_a_field_error()
    {
        Should.Throw<ValidationFailedException>(() => Catalog().EffectiveAttributes(TopicId.New())).Errors.Keys.ShouldContain("topicId");
        Catalog().TryGetTopic(TopicId.New(), out _).ShouldBeFalse();
    }

    [Fact]
    public void The_configuration_round_trips_through_json_with_flags_as_booleans_or_rules()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(Catalog().Configuration, web);

        json.ShouldContain("\"required\":{\"==\":[{\"var\":\"attributes.callback\"},true]}");
        json.ShouldContain("\"type\":\"Decimal\"");
        json.ShouldContain("\"kind\":\"Complaint\"");
        var back = new TopicCatalog(JsonSerializer.Deserialize<TopicConfiguration>(json, web)!);

        back.EffectiveAttributes(BadConnection).ShouldBe(Catalog().EffectiveAttributes(BadConnection));
        back.GetTopic(BadConnection).Kind.ShouldBe(TopicKind.Complaint);
    }

    [Fact]
    public void A_flag_given_as_null_in_json_is_never_set()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var definition = JsonSerializer.Deserialize<AttributeDefinition>(
            """{"code":"x","label":"X","type":"String","hidden":null}""", web)!;

        definition.Hidden.ShouldBe(FlagRule.Never);
        definition.Required.ShouldBe(FlagRule.Never);
        definition.Active.ShouldBeTrue();
    }

    [Fact]
    public void Attribute_lists_given_as_null_in_json_are_refused_not_crashed_on()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var configuration = JsonSerializer.Deserialize<TopicConfiguration>(
            $$$"""{"groups":[],"topics":[{"id":"{{{Guid.NewGuid()}}}","name":"T","kind":"Request","attributes":null}]}""", web)!;

        Should.Throw<ValidationFailedException>(() => new TopicCatalog(configuration))
            .Errors["topics"].ShouldHaveSingleItem().ShouldBe("Topic 'T' lacks its attribute lists.");
    }
}
