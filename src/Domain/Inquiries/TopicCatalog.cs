using System.Diagnostics.CodeAnalysis;
using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// A project's checked topic tree. Construction refuses unknown or cyclic parents, duplicate ids and codes,
/// and bad attribute definitions (<see cref="ValidationFailedException"/> with every problem found).
/// </summary>
public sealed class TopicCatalog
{
    private readonly Dictionary<TopicGroupId, TopicGroup> _groups = [];
    private readonly Dictionary<TopicId, Topic> _topics = [];

    public TopicCatalog(IEnumerable<TopicGroup> groups, IEnumerable<Topic> topics)
        : this(new TopicConfiguration([.. groups], [.. topics])) { }

    public TopicCatalog(TopicConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        var check = new Validation();
        foreach (var group in configuration.Groups)
            if (!_groups.TryAdd(group.Id, group)) check.Add("groups", $"Topic group {group.Id} appears twice.");
        foreach (var topic in configuration.Topics)
            if (!_topics.TryAdd(topic.Id, topic)) check.Add("topics", $"Topic {topic.Id} appears twice.");
        foreach (var group in configuration.Groups)
            check.Require(group.Attributes is not null && group.AttributeGroups is not null, "groups", $"Topic group '{group.Name}' lacks its attribute lists.");
        foreach (var topic in configuration.Topics)
            check.Require(topic.Attributes is not null && topic.AttributeGroups is not null, "topics", $"Topic '{topic.Name}' lacks its attribute lists.");
        CheckParents(check);
        check.ThrowIfInvalid(); // the checks below walk up the tree and read the lists
        foreach (var group in configuration.Groups)
            CheckLevel(check, $"topic group '{group.Name}'", group.AttributeGroups, group.Attributes, Ancestry(group.ParentId).Append(group));
        foreach (var topic in configuration.Topics)
            CheckLevel(check, $"topic '{topic.Name}'", topic.AttributeGroups, topic.Attributes, Ancestry(topic.GroupId), topic);
        check.ThrowIfInvalid();
    }

    public static TopicCatalog Empty { get; } = new([], []);

    public TopicConfiguration Configuration { get; }

    public IReadOnlyList<TopicGroup> Groups => Configuration.Groups;

    public IReadOnlyList<Topic> Topics => Configuration.Topics;

    public bool TryGetTopic(TopicId id, [NotNullWhen(true)] out Topic? topic) => _topics.TryGetValue(id, out topic);

    /// <exception cref="ValidationFailedException">The topic is not in this catalog.</exception>
    public Topic GetTopic(TopicId id) =>
        _topics.TryGetValue(id, out var topic) ? topic : throw new ValidationFailedException("topicId", $"Topic {id} is not in the project's catalog.");

    /// <summary>The topic's groups from the root down to its own group.</summary>
    public IReadOnlyList<TopicGroup> PathOf(TopicId id) => Ancestry(GetTopic(id).GroupId);

    /// <summary>
    /// The topic's active attributes: those of its groups from the root down, then its own. A definition
    /// with the code of an earlier one replaces it in place, so a topic can retune or deactivate an
    /// inherited attribute.
    /// </summary>
    public IReadOnlyList<AttributeDefinition> EffectiveAttributes(TopicId id) =>
        Merge(Levels(id).Select(level => level.Attributes), a => a.Code).Where(a => a.Active).ToList();

    /// <summary>Attribute groups from the root down, then the topic's own; later ones replace same-code ones in place.</summary>
    public IReadOnlyList<AttributeGroup> EffectiveAttributeGroups(TopicId id) =>
        Merge(Levels(id).Select(level => level.AttributeGroups), g => g.Code);

    public EffectiveTopic Effective(TopicId id) => new(GetTopic(id), EffectiveAttributeGroups(id), EffectiveAttributes(id));

    public IReadOnlyList<TopicGroup> ChildGroups(TopicGroupId? parent) => [.. Groups.Where(g => g.ParentId == parent)];

    public IReadOnlyList<Topic> TopicsIn(TopicGroupId? group) => [.. Topics.Where(t => t.GroupId == group)];

    private IEnumerable<(IReadOnlyList<AttributeGroup> AttributeGroups, IReadOnlyList<AttributeDefinition> Attributes)> Levels(TopicId id)
    {
        var topic = GetTopic(id);
        foreach (var group in Ancestry(topic.GroupId)) yield return (group.AttributeGroups, group.Attributes);
        yield return (topic.AttributeGroups, topic.Attributes);
    }

    private static List<T> Merge<T>(IEnumerable<IReadOnlyList<T>> levels, Func<T, string> code)
    {
        var merged = new List<T>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in levels.SelectMany(level => level))
        {
            if (index.TryGetValue(code(item), out var at)) merged[at] = item;
            else
            {
                index[code(item)] = merged.Count;
                merged.Add(item);
            }
        }
        return merged;
    }

    private List<TopicGroup> Ancestry(TopicGroupId? groupId)
    {
        var path = new List<TopicGroup>();
        for (var id = groupId; id is { } current; id = _groups[current].ParentId) path.Add(_groups[current]);
        path.Reverse();
        return path;
    }

    private void CheckParents(Validation check)
    {
        foreach (var group in _groups.Values)
        {
            if (group.ParentId is { } parent && !_groups.ContainsKey(parent))
                check.Add("groups", $"Topic group '{group.Name}' has an unknown parent {parent}.");
        }
        foreach (var topic in _topics.Values)
        {
            if (topic.GroupId is { } group && !_groups.ContainsKey(group))
                check.Add("topics", $"Topic '{topic.Name}' is in an unknown group {group}.");
        }
        var reported = new HashSet<TopicGroupId>();
        foreach (var start in _groups.Values)
        {
            var seen = new List<TopicGroupId>();
            for (TopicGroupId? id = start.Id; id is { } current && _groups.TryGetValue(current, out var group); id = group.ParentId)
            {
                var at = seen.IndexOf(current);
                if (at >= 0)
                {
                    var cycle = seen.Skip(at).Append(current).ToList();
                    if (!cycle.Any(reported.Contains))
                        check.Add("groups", $"Topic groups form a cycle: {string.Join(" → ", cycle.Select(g => $"'{_groups[g].Name}'"))}.");
                    reported.UnionWith(cycle);
                    break;
                }
                seen.Add(current);
            }
        }
    }

    private static void CheckLevel(
        Validation check, string owner, IReadOnlyList<AttributeGroup> attributeGroups, IReadOnlyList<AttributeDefinition> attributes,
        IEnumerable<TopicGroup> inScope, Topic? topic = null)
    {
        foreach (var duplicate in attributeGroups.GroupBy(g => g.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            check.Add("attributeGroups", $"Attribute group '{duplicate.Key}' appears twice in {owner}.");
        foreach (var duplicate in attributes.GroupBy(a => a.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            check.Add("attributes", $"Attribute '{duplicate.Key}' appears twice in {owner}.");

        var groupCodes = inScope.SelectMany(g => g.AttributeGroups).Concat(topic?.AttributeGroups ?? [])
            .Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            foreach (var problem in attribute.Problems()) check.Add("attributes", $"{problem} ({owner})");
            if (attribute.GroupCode is { } code && !groupCodes.Contains(code))
                check.Add("attributes", $"Attribute '{attribute.Code}' is in an unknown attribute group '{code}' ({owner}).");
        }
    }
}
