using System.Text.Json.Serialization;

namespace Ktp.Domain.Inquiries;

/// <summary>What a customer came for; each topic is of one kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TopicKind>))]
public enum TopicKind
{
    Consultation,
    Request,
    Complaint,
}

/// <summary>
/// A topic of inquiries. It has the attributes of all its ancestor groups plus its own
/// (see <see cref="TopicCatalog.EffectiveAttributes"/>). Inactive topics are not offered for new inquiries.
/// </summary>
public sealed record Topic(TopicId Id, TopicGroupId? GroupId, string Name, TopicKind Kind)
{
    public bool Active { get; init; } = true;

    public IReadOnlyList<AttributeGroup> AttributeGroups { get; init; } = [];

    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];
}

/// <summary>A group of topics; groups nest through <see cref="ParentId"/>, and their attributes apply to every topic inside.</summary>
public sealed record TopicGroup(TopicGroupId Id, string Name, TopicGroupId? ParentId)
{
    public IReadOnlyList<AttributeGroup> AttributeGroups { get; init; } = [];

    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];
}

/// <summary>A project's topic tree as it is stored (one JSON document per project).</summary>
public sealed record TopicConfiguration(IReadOnlyList<TopicGroup> Groups, IReadOnlyList<Topic> Topics);

/// <summary>A topic with what it inherits: the attribute groups and active attributes its inquiry form shows.</summary>
public sealed record EffectiveTopic(Topic Topic, IReadOnlyList<AttributeGroup> AttributeGroups, IReadOnlyList<AttributeDefinition> Attributes)
{
    public TopicId Id => Topic.Id;
}

public static class TopicKindExtensions
{
    /// <summary>Lower-case name used in rule data and read models: consultation, request, complaint.</summary>
    public static string ToCode(this TopicKind kind) => kind.ToString().ToLowerInvariant();
}
