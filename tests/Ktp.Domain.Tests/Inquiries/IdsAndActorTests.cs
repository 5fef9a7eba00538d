using System.Text.Json;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;

namespace Ktp.Domain.Tests.Inquiries;

public class IdsAndActorTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void An_empty_id_is_refused_with_a_field_error()
    {
        Should.Throw<ValidationFailedException>(() => new InquiryId(Guid.Empty))
            .Errors.Keys.ShouldContain("inquiryId");
        Should.Throw<ValidationFailedException>(() => TopicId.From(Guid.Empty));
    }

    [Fact]
    public void Ids_of_different_things_with_the_same_guid_are_different_types_but_equal_by_value()
    {
        var guid = Guid.NewGuid();
    }

    [Fact]
    public void New_ids_are_not_empty_and_differ()
    {
        InquiryId.New().ShouldNotBe(InquiryId.New());
    }

    [Fact]
    public void Ids_parse_from_text_and_refuse_garbage_and_the_empty_guid()
    {
        var guid = Guid.NewGuid();
        TypedId.Parse<CustomerId>(guid.ToString()).Value.ShouldBe(guid);
        TypedId.TryParse<CustomerId>("nope", out _).ShouldBeFalse();
        TypedId.TryParse<CustomerId>(Guid.Empty.ToString(), out _).ShouldBeFalse();
        Should.Throw<ValidationFailedException>(() => TypedId.Parse<ContactId>("nope")).Errors.Keys.ShouldContain("contactId");
    }

    [Fact]
    public void Ids_are_plain_guid_strings_in_json()
    {
        var id = ProjectId.New();
        JsonSerializer.Serialize(id, Web).ShouldBe($"\"{id.Value}\"");
        JsonSerializer.Deserialize<ProjectId>($"\"{id.Value}\"", Web).ShouldBe(id);
        JsonSerializer.Deserialize<CustomerId?>("null", Web).ShouldBeNull();
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ProjectId>($"\"{Guid.Empty}\"", Web));
    }

    [Fact]
    public void Actors_are_the_same_person_by_user_id_whatever_their_name()
    {
        var id = Guid.NewGuid();
        Actor.User(id, "Anna").IsSamePerson(Actor.User(id, "Anna Petrova")).ShouldBeTrue();
        Actor.User(id, "Anna").IsSamePerson(Actor.User(Guid.NewGuid(), "Anna")).ShouldBeFalse();
        Actor.System.IsSamePerson(Actor.System).ShouldBeFalse();
        Actor.System.IsSystem.ShouldBeTrue();
    }

    [Fact]
    public void An_actor_needs_a_name_and_a_non_empty_user_id()
    {
        Should.Throw<ValidationFailedException>(() => Actor.User(Guid.NewGuid(), " "));
        Should.Throw<ValidationFailedException>(() => Actor.User(Guid.Empty, "Anna"));
    }
}
