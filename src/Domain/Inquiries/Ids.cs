using System.Text.Json.Serialization;

namespace Ktp.Domain.Inquiries;

// Typed ids: a non-empty Guid each, so ids of different things cannot be mixed up.
// `default` is the one way to get an empty id; construction, From, Parse and JSON refuse it.

/// <summary>An inquiry: one customer request, the stream of its events.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<InquiryId>))]
public readonly record struct InquiryId : ITypedId<InquiryId>
{
    public InquiryId(Guid value) => Value = TypedId.NotEmpty<InquiryId>(value);

    public Guid Value { get; }

    public static InquiryId From(Guid value) => new(value);

    public static InquiryId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>A topic of inquiries in a project's topic catalog.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<TopicId>))]
public readonly record struct TopicId : ITypedId<TopicId>
{
    public TopicId(Guid value) => Value = TypedId.NotEmpty<TopicId>(value);

    public Guid Value { get; }

    public static TopicId From(Guid value) => new(value);

    public static TopicId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>A group of topics; groups nest.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<TopicGroupId>))]
public readonly record struct TopicGroupId : ITypedId<TopicGroupId>
{
    public TopicGroupId(Guid value) => Value = TypedId.NotEmpty<TopicGroupId>(value);

    public Guid Value { get; }

    public static TopicGroupId From(Guid value) => new(value);

    public static TopicGroupId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>A project: one client's line of business inside a tenant.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<ProjectId>))]
public readonly record struct ProjectId : ITypedId<ProjectId>
{
    public ProjectId(Guid value) => Value = TypedId.NotEmpty<ProjectId>(value);

    public Guid Value { get; }

    public static ProjectId From(Guid value) => new(value);

    public static ProjectId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>The customer (subscriber, client) an inquiry is about.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<CustomerId>))]
public readonly record struct CustomerId : ITypedId<CustomerId>
{
    public CustomerId(Guid value) => Value = TypedId.NotEmpty<CustomerId>(value);

    public Guid Value { get; }

    public static CustomerId From(Guid value) => new(value);

    public static CustomerId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>A contact: one conversation through a channel, holding one or more inquiries.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<ContactId>))]
public readonly record struct ContactId : ITypedId<ContactId>
{
    public ContactId(Guid value) => Value = TypedId.NotEmpty<ContactId>(value);

    public Guid Value { get; }

    public static ContactId From(Guid value) => new(value);

    public static ContactId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
