using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>What the simple documents may refer to: the project's other documents and the tenant's users.</summary>
public sealed record DocumentReferences(
    TopicConfiguration Topics,
    IReadOnlySet<string> ContactPlaces,
    IReadOnlySet<string> Categories,
    IReadOnlySet<Guid> Users);

/// <summary>The checks run before a simple document is saved; errors are keyed by the path of the field.</summary>
public static class ProjectDocumentChecks
{
    /// <summary>A latin identifier: a letter, then letters, digits, '_' or '-'.</summary>
    public static bool IsCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 64 && char.IsAsciiLetter(code[0])
        && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static void Dictionaries(DictionariesDocument document, TopicConfiguration topics, Validation v)
    {
        CodesAndNames(document.Dictionaries, d => d.Code, d => d.Name, "Dictionaries", "dictionary", v);
        for (var i = 0; i < document.Dictionaries.Count; i++)
        {
            var dictionary = document.Dictionaries[i];
            v.Require(dictionary.Items.Count > 0, $"Dictionaries[{i}].Items", $"Dictionary '{dictionary.Code}' needs at least one item.");
            CodesAndNames(dictionary.Items, x => x.Code, x => x.Label, $"Dictionaries[{i}].Items", $"item of '{dictionary.Code}'", v);
        }
        var codes = document.Dictionaries.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (owner, attribute) in AllAttributes(topics).Where(a => a.Attribute.Type == AttributeType.Dictionary))
            v.Require(codes.Contains(attribute.DictionaryCode ?? ""), "Dictionaries",
                $"Attribute '{attribute.Code}' of {owner} uses dictionary '{attribute.DictionaryCode}': keep it, or change the attribute first.");
    }

    public static void Categories(CategoriesDocument document, Validation v) =>
        CodesAndNames(document.Categories, c => c.Code, c => c.Name, "Categories", "category", v);

    public static void Priorities(PrioritiesDocument document, Validation v)
    {
        CodesAndNames(document.Priorities, p => p.Code, p => p.Name, "Priorities", "priority", v);
        v.Require(document.Priorities.Count(p => p.IsDefault) <= 1, "Priorities", "Mark at most one priority as the default.");
    }

    public static void ContactPlaces(ContactPlacesDocument document, Validation v)
    {
        CodesAndNames(document.Places, p => p.Code, p => p.Name, "Places", "contact place", v);
        for (var i = 0; i < document.Places.Count; i++)
        {
            var place = document.Places[i];
            v.Require(Enum.IsDefined(place.Kind), $"Places[{i}].Kind", $"Contact place '{place.Code}' has an unknown kind.");
            v.Require(place.Directions.Count > 0 && place.Directions.All(ContactDirections.All.Contains), $"Places[{i}].Directions",
                $"Contact place '{place.Code}': choose the allowed directions (in, out).");
            v.Require(place.Channels.Count > 0 && place.Channels.All(ContactChannels.All.Contains), $"Places[{i}].Channels",
                $"Contact place '{place.Code}': choose the allowed channels.");
        }
    }

    public static void Templates(TemplatesDocument document, DocumentReferences refs, Validation v)
    {
        var topics = refs.Topics.Topics.Select(t => t.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var subjects = new HashSet<(TemplateSubject, string)>();
        for (var i = 0; i < document.Templates.Count; i++)
        {
            var t = document.Templates[i];
            var at = $"Templates[{i}]";
            var name = string.IsNullOrWhiteSpace(t.Name) ? $"#{i + 1}" : $"'{t.Name}'";
            v.Require(!string.IsNullOrWhiteSpace(t.Name), $"{at}.Name", "A template needs a name.");
            var subjectKnown = t.Subject switch
            {
                TemplateSubject.Role => Domain.Access.Role.TenantRoles.Contains(t.SubjectId),
                TemplateSubject.User => Guid.TryParse(t.SubjectId, out var user) && refs.Users.Contains(user),
                _ => false,
            };
            v.Require(subjectKnown, $"{at}.SubjectId", $"Template {name}: choose the role or user it applies to.");
            v.Require(!subjectKnown || subjects.Add((t.Subject, t.SubjectId.ToLowerInvariant())), $"{at}.SubjectId",
                t.Subject == TemplateSubject.Role ? $"Template {name}: this role already has a template." : $"Template {name}: this user already has a template.");
            Choice(t.ContactPlaces, t.DefaultContactPlace, refs.ContactPlaces, $"{at}.ContactPlaces", name, "contact place", v);
            Choice(t.Directions, t.DefaultDirection, ContactDirections.All.ToHashSet(), $"{at}.Directions", name, "direction", v);
            Choice(t.Channels, t.DefaultChannel, ContactChannels.All.ToHashSet(), $"{at}.Channels", name, "channel", v);
            Choice(t.Topics, t.DefaultTopic, topics, $"{at}.Topics", name, "topic", v);
            Choice(t.CustomerCategories, t.DefaultCustomerCategory, refs.Categories, $"{at}.CustomerCategories", name, "customer category", v);
        }
    }

    public static void Vip(VipDocument document, Validation v)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < document.Customers.Count; i++)
        {
            var id = document.Customers[i].Identifier?.Trim() ?? "";
            if (id.Length is 0 or > 100)
                v.Add($"Customers[{i}].Identifier", "A VIP customer needs an identifier (up to 100 characters).");
            else if (!seen.Add(id))
                v.Add($"Customers[{i}].Identifier", $"Customer '{id}' is listed twice.");
        }
    }

    /// <summary>Every attribute of the configuration with the name of its owner, for messages.</summary>
    public static IEnumerable<(string Owner, AttributeDefinition Attribute)> AllAttributes(TopicConfiguration topics) =>
        topics.Groups.SelectMany(g => (g.Attributes ?? []).Select(a => ($"topic group '{g.Name}'", a)))
            .Concat(topics.Topics.SelectMany(t => (t.Attributes ?? []).Select(a => ($"topic '{t.Name}'", a))));

    private static void Choice(List<string> allowed, string? chosen, IReadOnlySet<string> known, string field, string template, string what, Validation v)
    {
        foreach (var value in allowed.Where(a => !known.Contains(a)).Distinct())
            v.Add(field, $"Template {template}: there is no {what} '{value}'.");
        if (!string.IsNullOrEmpty(chosen))
        {
            v.Require(known.Contains(chosen), field, $"Template {template}: the default {what} '{chosen}' does not exist.");
            v.Require(allowed.Count == 0 || allowed.Contains(chosen), field, $"Template {template}: the default {what} must be one of the allowed ones.");
        }
    }

    private static void CodesAndNames<T>(IReadOnlyList<T> items, Func<T, string> code, Func<T, string> name, string path, string what, Validation v)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var c = code(items[i]);
            if (!IsCode(c))
                v.Add($"{path}[{i}].Code", $"The code of {what} '{c}' must be a latin identifier (a letter, then letters, digits, '_' or '-').");
            else if (!seen.Add(c))
                v.Add($"{path}[{i}].Code", $"The code '{c}' is used twice ({what}).");
            v.Require(!string.IsNullOrWhiteSpace(name(items[i])), $"{path}[{i}].Name", $"The {what} '{c}' needs a name.");
        }
    }
}
