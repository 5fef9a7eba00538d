using System.Text.Json.Serialization;

namespace Ktp.Infrastructure.Projects.Contracts;

// The simple configuration documents of a project, one JSON document per kind in project_settings.
// They are edited in forms, so their properties are settable; every save is checked
// (ProjectDocumentChecks) and stored as a new version, and readers get a fresh copy each time.

/// <summary>The kind column of project_settings for each document.</summary>
public static class DocumentKinds
{
    public const string Topics = "topics";
    public const string Sla = "sla";
    public const string Dictionaries = "dictionaries";
    public const string Categories = "categories";
    public const string Priorities = "priorities";
    public const string ContactPlaces = "contact_places";
    public const string Templates = "templates";
    public const string Vip = "vip";
}

/// <summary>The project's own dictionaries, referenced by dictionary attributes (<c>DictionaryCode</c>).</summary>
public sealed record DictionariesDocument
{
    public List<ProjectDictionary> Dictionaries { get; set; } = [];

    public ProjectDictionary? Find(string? code) => Dictionaries.FirstOrDefault(d => d.Code == code);
}

public sealed record ProjectDictionary
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public List<DictionaryItem> Items { get; set; } = [];
}

/// <summary>An item of a dictionary; inactive items are not offered for new values but still shown on old ones.</summary>
public sealed record DictionaryItem
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public bool Active { get; set; } = true;
}

/// <summary>Customer categories (private person, business…): rules read them as <c>customer.category</c>.</summary>
public sealed record CategoriesDocument
{
    public List<CodeName> Categories { get; set; } = [];
}

/// <summary>Inquiry priorities, in display order; rules read the code as <c>priority</c>.</summary>
public sealed record PrioritiesDocument
{
    public List<PriorityLevel> Priorities { get; set; } = [];

    /// <summary>The priority a new inquiry gets unless the operator picks another.</summary>
    public PriorityLevel? Default => Priorities.FirstOrDefault(p => p.IsDefault);

    /// <summary>
    /// The priority code a new inquiry is registered with: the one asked for when the project has it (a project
    /// without a list accepts any), else null; when none is asked, the default — "normal" if none is marked.
    /// </summary>
    public string? Resolve(string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked))
            return Default?.Code ?? (Priorities.Count == 0 || Priorities.Any(p => p.Code == Normal) ? Normal : Priorities[0].Code);
        var code = asked.Trim();
        return Priorities.Count == 0 ? (code.Length <= 40 ? code : null) : Priorities.FirstOrDefault(p => p.Code == code)?.Code;
    }

    /// <summary>The display name of a priority code (the code itself when the project does not list it).</summary>
    public string NameOf(string code) => Priorities.FirstOrDefault(p => p.Code == code)?.Name ?? code;

    private const string Normal = "normal";
}

public sealed record CodeName
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed record PriorityLevel
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
}

/// <summary>Channels a contact comes through; rules read the code as <c>channel</c>.</summary>
public static class ContactChannels
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Web = "web";
    public const string Telegram = "telegram";
    public const string WhatsApp = "whatsapp";
    public const string Viber = "viber";
    public const string Visit = "visit";

    public static readonly IReadOnlyList<string> All = [Phone, Email, Sms, Web, Telegram, WhatsApp, Viber, Visit];
}

/// <summary>Direction of a contact: the customer came to us (in) or we reached out (out).</summary>
public static class ContactDirections
{
    public const string In = "in";
    public const string Out = "out";

    public static readonly IReadOnlyList<string> All = [In, Out];
}

[JsonConverter(typeof(JsonStringEnumConverter<ContactPlaceKind>))]
public enum ContactPlaceKind { CallCenter, Office, Website, Partner, Other }

/// <summary>Where contacts happen ("место контакта") and which directions and channels each allows.</summary>
public sealed record ContactPlacesDocument
{
    public List<ContactPlace> Places { get; set; } = [];
}

public sealed record ContactPlace
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public ContactPlaceKind Kind { get; set; } = ContactPlaceKind.CallCenter;
    public List<string> Directions { get; set; } = [ContactDirections.In];
    public List<string> Channels { get; set; } = [ContactChannels.Phone];
}

[JsonConverter(typeof(JsonStringEnumConverter<TemplateSubject>))]
public enum TemplateSubject { Role, User }

/// <summary>Operator templates: what the registration and customer-search forms offer and prefill, per user or role.</summary>
public sealed record TemplatesDocument
{
    public List<OperatorTemplate> Templates { get; set; } = [];

    /// <summary>The user's own template, else the first template of one of the user's roles, else none.</summary>
    public OperatorTemplate? For(Guid userId, IEnumerable<string> roles)
    {
        var user = userId.ToString();
        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        return Templates.FirstOrDefault(t => t.Subject == TemplateSubject.User && string.Equals(t.SubjectId, user, StringComparison.OrdinalIgnoreCase))
            ?? Templates.FirstOrDefault(t => t.Subject == TemplateSubject.Role && roleSet.Contains(t.SubjectId));
    }
}

/// <summary>
/// An empty allowed list allows everything; a default must be allowed. Topics are topic ids (as text),
/// contact places and customer categories are codes of the project's documents.
/// </summary>
public sealed record OperatorTemplate
{
    public string Name { get; set; } = "";
    public TemplateSubject Subject { get; set; } = TemplateSubject.Role;

    /// <summary>A role name, or a user id.</summary>
    public string SubjectId { get; set; } = "";

    public List<string> ContactPlaces { get; set; } = [];
    public string? DefaultContactPlace { get; set; }
    public List<string> Directions { get; set; } = [];
    public string? DefaultDirection { get; set; }
    public List<string> Channels { get; set; } = [];
    public string? DefaultChannel { get; set; }
    public List<string> Topics { get; set; } = [];
    public string? DefaultTopic { get; set; }
    public List<string> CustomerCategories { get; set; } = [];
    public string? DefaultCustomerCategory { get; set; }

    public static bool Allows(List<string> allowed, string? value) => value is not null && (allowed.Count == 0 || allowed.Contains(value));
}

/// <summary>VIP customers by identifier (customer number, contract, phone…); rules read <c>customer.vip</c>.</summary>
public sealed record VipDocument
{
    public List<VipCustomer> Customers { get; set; } = [];

    public bool IsVip(string? identifier) =>
        !string.IsNullOrWhiteSpace(identifier) && Customers.Any(c => string.Equals(c.Identifier, identifier.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record VipCustomer
{
    public string Identifier { get; set; } = "";
    public string? Note { get; set; }
}
