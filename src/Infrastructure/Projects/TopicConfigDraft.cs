using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Rules.JsonLogic;


namespace Ktp.Infrastructure.Projects;

/// <summary>How an attribute flag is set: never, always, or while a rule holds.</summary>
public enum FlagMode { No, Yes, When }

/// <summary>An attribute flag as the editor holds it; the rule is JsonLogic text, checked only at save.</summary>
public sealed class FlagDraft
{
    public FlagMode Mode { get; set; }
    public string Rule { get; set; } = "";

    public static FlagDraft From(FlagRule rule) => rule switch
    {
        FlagRule.Rule r => new FlagDraft { Mode = FlagMode.When, Rule = Readable(r.Logic.ToString()) },
        FlagRule.Fixed { Value: true } => new FlagDraft { Mode = FlagMode.Yes },
        _ => new FlagDraft(),
    };

    /// <summary>The rule as people read it: &lt;, &gt; and non-latin letters unescaped.</summary>
    public static string Readable(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)?.ToJsonString(ReadableJson) ?? "null";

    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal FlagRule ToDomain(string field, string what, Validation errors)
    {
        if (Mode == FlagMode.Yes) return FlagRule.Always;
        if (Mode != FlagMode.When) return FlagRule.Never;
        if (string.IsNullOrWhiteSpace(Rule))
        {
            errors.Add(field, $"{what}: give the condition, or choose Yes or No.");
            return FlagRule.Never;
        }
        try
        {
            return FlagRule.When(Rule);
        }
        catch (JsonLogicParseException e)
        {
            errors.Add(field, $"{what}: the rule is not valid JsonLogic. {e.Message}");
            return FlagRule.Never;
        }
    }
}

public sealed class AttributeDraft
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public AttributeType Type { get; set; } = AttributeType.String;
    public string? GroupCode { get; set; }
    public string? Default { get; set; }
    public FlagDraft Required { get; set; } = new();
    public FlagDraft Hidden { get; set; } = new();
    public FlagDraft ReadOnly { get; set; } = new();
    public bool Active { get; set; } = true;
    public string? DictionaryCode { get; set; }
    public string? Source { get; set; }
    public string? QueryName { get; set; }

    /// <summary>Query parameters as "name=value" lines.</summary>
    public string? QueryParameters { get; set; }

    public int? MaxLength { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }

    public static AttributeDraft From(AttributeDefinition a) => new()
    {
        Code = a.Code, Label = a.Label, Type = a.Type, GroupCode = a.GroupCode, Default = a.Default,
        Required = FlagDraft.From(a.Required), Hidden = FlagDraft.From(a.Hidden), ReadOnly = FlagDraft.From(a.ReadOnly),
        Active = a.Active, DictionaryCode = a.DictionaryCode, Source = a.Source, QueryName = a.QueryName,
        QueryParameters = a.QueryParameters is null ? null : string.Join("\n", a.QueryParameters.Select(p => $"{p.Key}={p.Value}")),
        MaxLength = a.MaxLength, Min = a.Min, Max = a.Max,
    };

    internal AttributeDefinition ToDomain(string path, string owner, Validation errors)
    {
        var what = $"Attribute '{Code}' of {owner}";
        return new AttributeDefinition(Code.Trim(), Label.Trim(), Type)
        {
            GroupCode = Blank(GroupCode),
            Default = Blank(Default),
            Required = Required.ToDomain($"{path}.Required", $"{what}, required", errors),
            Hidden = Hidden.ToDomain($"{path}.Hidden", $"{what}, hidden", errors),
            ReadOnly = ReadOnly.ToDomain($"{path}.ReadOnly", $"{what}, read-only", errors),
            Active = Active,
            DictionaryCode = Type == AttributeType.Dictionary ? Blank(DictionaryCode) : null,
            Source = Type == AttributeType.ExternalDictionary ? Blank(Source) : null,
            QueryName = Type == AttributeType.DynamicQuery ? Blank(QueryName) : null,
            QueryParameters = Type == AttributeType.DynamicQuery ? Parameters(path, what, errors) : null,
            MaxLength = Type == AttributeType.String ? MaxLength : null,
            Min = Type == AttributeType.Decimal ? Min : null,
            Max = Type == AttributeType.Decimal ? Max : null,
        };
    }

    private Dictionary<string, string>? Parameters(string path, string what, Validation errors)
    {
        if (string.IsNullOrWhiteSpace(QueryParameters)) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in QueryParameters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = line.IndexOf('=');
            if (at <= 0 || !result.TryAdd(line[..at].Trim(), line[(at + 1)..].Trim()))
                errors.Add($"{path}.QueryParameters", $"{what}: write each query parameter once, as name=value.");
        }
        return result;
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class AttributeGroupDraft
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Collapsed { get; set; }

    public static AttributeGroupDraft From(AttributeGroup g) => new() { Code = g.Code, Name = g.Name, Collapsed = g.CollapsedByDefault };

    internal AttributeGroup ToDomain() => new(Code.Trim(), Name.Trim()) { CollapsedByDefault = Collapsed };
}

/// <summary>A topic group or a topic as the editor holds it (a topic has a kind; a group has none).</summary>
public sealed class TopicNodeDraft
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public bool IsGroup { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The parent group (for a group) or the group the topic is in; null at the top.</summary>
    public Guid? ParentId { get; set; }

    public TopicKind Kind { get; set; } = TopicKind.Consultation;
    public bool Active { get; set; } = true;
    public List<AttributeGroupDraft> AttributeGroups { get; set; } = [];
    public List<AttributeDraft> Attributes { get; set; } = [];

    public string Label => IsGroup ? $"topic group '{Name}'" : $"topic '{Name}'";
}

/// <summary>The topic tree as the editor holds it: flat lists of groups and topics linked by parent ids.</summary>
public sealed class TopicConfigDraft
{
    public List<TopicNodeDraft> Groups { get; set; } = [];
    public List<TopicNodeDraft> Topics { get; set; } = [];

    public static TopicConfigDraft From(TopicConfiguration configuration) => new()
    {
        Groups = [.. configuration.Groups.Select(g => new TopicNodeDraft
        {
            Id = g.Id.Value, IsGroup = true, Name = g.Name, ParentId = g.ParentId?.Value,
            AttributeGroups = [.. g.AttributeGroups.Select(AttributeGroupDraft.From)], Attributes = [.. g.Attributes.Select(AttributeDraft.From)],
        })],
        Topics = [.. configuration.Topics.Select(t => new TopicNodeDraft
        {
            Id = t.Id.Value, Name = t.Name, ParentId = t.GroupId?.Value, Kind = t.Kind, Active = t.Active,
            AttributeGroups = [.. t.AttributeGroups.Select(AttributeGroupDraft.From)], Attributes = [.. t.Attributes.Select(AttributeDraft.From)],
        })],
    };

    /// <summary>The stored configuration; rule and name errors are collected before the catalog's own checks.</summary>
    /// <exception cref="ValidationFailedException">A name is missing or a rule is not valid JsonLogic.</exception>
    public TopicConfiguration ToDomain()
    {
        var errors = new Validation();
        var groups = new List<TopicGroup>();
        for (var i = 0; i < Groups.Count; i++)
        {
            var g = Groups[i];
            errors.Require(!string.IsNullOrWhiteSpace(g.Name), $"Groups[{i}].Name", "Every topic group needs a name.");
            groups.Add(new TopicGroup(TopicGroupId.From(g.Id), g.Name.Trim(), g.ParentId is { } p ? TopicGroupId.From(p) : null)
            {
                AttributeGroups = [.. g.AttributeGroups.Select(a => a.ToDomain())],
                Attributes = Attributes(g, $"Groups[{i}]", errors),
            });
        }
        var topics = new List<Topic>();
        for (var i = 0; i < Topics.Count; i++)
        {
            var t = Topics[i];
            errors.Require(!string.IsNullOrWhiteSpace(t.Name), $"Topics[{i}].Name", "Every topic needs a name.");
            topics.Add(new Topic(TopicId.From(t.Id), t.ParentId is { } g ? TopicGroupId.From(g) : null, t.Name.Trim(), t.Kind)
            {
                Active = t.Active,
                AttributeGroups = [.. t.AttributeGroups.Select(a => a.ToDomain())],
                Attributes = Attributes(t, $"Topics[{i}]", errors),
            });
        }
        errors.ThrowIfInvalid();
        return new TopicConfiguration(groups, topics);
    }

    private static List<AttributeDefinition> Attributes(TopicNodeDraft node, string path, Validation errors) =>
        [.. node.Attributes.Select((a, j) => a.ToDomain($"{path}.Attributes[{j}]", node.Label, errors))];
}
