using System.Text.Json;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Web.Components.Conditions;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Projects;

/// <summary>Helpers the configuration editors share.</summary>
public static class ProjectEditing
{
    private static readonly JsonSerializerOptions SnapshotJson = new() { IncludeFields = false };

    /// <summary>A draft's content as text, to tell whether it changed since it was loaded or saved.</summary>
    public static string Snapshot(object? draft) => JsonSerializer.Serialize(draft, SnapshotJson);

    /// <summary>The messages for exactly one field (e.g. "Processes[0].Queues[1].Code"), translated; null when it has none.</summary>
    public static string? ErrorOf(IReadOnlyDictionary<string, string[]>? errors, string field, IStringLocalizer L) =>
        errors is not null && errors.TryGetValue(field, out var messages) && messages.Length > 0
            ? string.Join(" ", messages.Select(m => L[m].Value))
            : null;

    /// <summary>The project's lists conditions offer by name: its topics, priorities and customer categories.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Choice>>> ListsAsync(ProjectSettingsAdmin settings, Guid projectId,
        IEnumerable<(string Id, string Name)> topics)
    {
        var priorities = (await settings.LoadAsync<PrioritiesDocument>(projectId)).Document.Priorities;
        var categories = (await settings.LoadAsync<CategoriesDocument>(projectId)).Document.Categories;
        return new Dictionary<string, IReadOnlyList<Choice>>
        {
            ["topic"] = [.. topics.Where(t => !string.IsNullOrWhiteSpace(t.Name)).OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name))],
            ["priority"] = [.. priorities.Select(p => new Choice(p.Code, string.IsNullOrWhiteSpace(p.Name) ? p.Code : p.Name))],
            ["customer.category"] = [.. categories.Select(c => new Choice(c.Code, string.IsNullOrWhiteSpace(c.Name) ? c.Code : c.Name))],
        };
    }

    /// <summary>The English names of the facts rules read (see <see cref="RuleFields"/>); the UI translates them.</summary>
    private static readonly Dictionary<string, string> FactNames = new()
    {
        ["channel"] = "Channel", ["kind"] = "Kind of inquiry", ["topic"] = "Topic", ["priority"] = "Priority", ["status"] = "Status",
        ["process"] = "Route step", ["customer.category"] = "Customer category", ["customer.vip"] = "VIP customer",
        ["time.hour"] = "Hour of the day", ["time.weekday"] = "Day of the week",
    };

    private static IReadOnlyList<Choice>? ValuesOf(string fact, IStringLocalizer L) => fact switch
    {
        "channel" => [.. Ktp.Infrastructure.Projects.Contracts.ContactChannels.All.Select(c => new Choice(c, L["channel:" + c].Value))],
        "kind" => [.. Enum.GetValues<Ktp.Domain.Inquiries.TopicKind>().Select(k => new Choice(k.ToCode(), L["kind:" + k].Value))],
        "customer.vip" => [new Choice("true", L["Yes"].Value), new Choice("false", L["No"].Value)],
        _ => null,
    };

    /// <summary>
    /// The fields a condition builder offers, by name: the facts, then the attributes (by their labels). The project's
    /// own lists (<paramref name="lists"/>: topics, priorities, customer categories by fact) are offered by name too.
    /// </summary>
    public static IReadOnlyList<FieldOption> Fields(IEnumerable<string> facts, IEnumerable<(string Code, string Label)> attributes, IStringLocalizer L,
        IReadOnlyDictionary<string, IReadOnlyList<Choice>>? lists = null) =>
    [
        .. facts.Select(f => new FieldOption(f, FactNames.TryGetValue(f, out var name) ? L[name].Value : f,
            lists?.GetValueOrDefault(f) is { Count: > 0 } list ? list : ValuesOf(f, L))),
        .. attributes.Where(a => !string.IsNullOrWhiteSpace(a.Code)).DistinctBy(a => a.Code).OrderBy(a => a.Label)
            .Select(a => new FieldOption("attributes." + a.Code, L["Attribute: {0}", string.IsNullOrWhiteSpace(a.Label) ? a.Code : a.Label].Value)),
    ];
}

/// <summary>
/// The items whose code still follows their name: new ones, until someone edits the code. Codes of saved
/// items never follow (other configuration and stored inquiries refer to them).
/// </summary>
public sealed class AutoCodes
{
    private readonly HashSet<object> _following = new(ReferenceEqualityComparer.Instance);

    public T New<T>(T item) where T : notnull
    {
        _following.Add(item);
        return item;
    }

    public bool Follows(object item, string? code) => _following.Contains(item) || string.IsNullOrWhiteSpace(code);

    /// <summary>Someone typed the code: it no longer follows the name (unless they cleared it).</summary>
    public void Edited(object item) => _following.Remove(item);

    /// <summary>The code for a renamed item: generated from <paramref name="name"/> when the code follows, else <paramref name="code"/>.</summary>
    public string CodeFor(object item, string? code, string name, IEnumerable<string> taken, string fallback) =>
        Follows(item, code) ? CodeNames.From(name, taken, fallback) : code ?? "";
}
