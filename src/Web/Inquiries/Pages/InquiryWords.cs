using System.Globalization;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Inquiries.Pages;

/// <summary>
/// What the screens say instead of codes: the names of the project's queues, steps, attributes, channels and
/// priorities, and each history event as a sentence in the user's language ("Taken into work").
/// A code the current configuration no longer knows (a queue of an older route) shows as it is.
/// </summary>
public sealed class InquiryWords(IStringLocalizer L, ProjectConfig? config, DictionariesDocument? dictionaries = null)
{
    public string Queue(string? code) => code is null ? "—"
        : config?.Route?.Processes.SelectMany(p => p.Queues).FirstOrDefault(q => q.Code == code)?.Name ?? code;

    public string Step(string? code) => code is null ? "—"
        : config?.Route?.Processes.FirstOrDefault(p => p.Code == code)?.Name ?? code;

    public string Attribute(TopicId topic, string code) =>
        config is not null && config.Topics.TryGetTopic(topic, out _)
            ? config.Topics.EffectiveAttributes(topic).FirstOrDefault(a => a.Code == code)?.Label ?? code
            : code;

    /// <summary>An attribute's stored text as people read it: a dictionary item's label, yes/no, else as stored.</summary>
    public string Value(TopicId topic, string code, string text)
    {
        if (text == "") return "—";
        var definition = config is not null && config.Topics.TryGetTopic(topic, out _)
            ? config.Topics.EffectiveAttributes(topic).FirstOrDefault(a => a.Code == code) : null;
        return definition?.Type switch
        {
            AttributeType.Boolean => text == "true" ? L["Yes"] : L["No"],
            AttributeType.Dictionary => dictionaries?.Find(definition.DictionaryCode)?.Items.FirstOrDefault(i => i.Code == text)?.Label ?? text,
            _ => text,
        };
    }

    public string Channel(string? code) => string.IsNullOrEmpty(code) ? "—" : Known("channel:" + code, code);

    public string Priority(string? code) => string.IsNullOrEmpty(code) ? "—"
        : config?.Priorities.Priorities.FirstOrDefault(p => p.Code == code)?.Name ?? Known("priority:" + code, code);

    public string Kind(TopicKind kind) => Known("kind:" + kind, kind.ToString());

    public string Status(InquiryStatus status) => L["status:" + status];

    public string Who(Actor actor) => actor.IsSystem ? L["System"] : actor.Name;

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    /// <summary>What happened, in a few words.</summary>
    public string What(IInquiryEvent @event) => @event switch
    {
        InquiryRegistered => L["Registered"],
        AttributesChanged => L["Changed the attributes"],
        InquiryQueued => L["Put in a queue"],
        InquiryTaken => L["Taken into work"],
        InquiryTransferred => L["Transferred"],
        CommentAdded => L["Commented"],
        AttachmentAdded => L["Attached a file"],
        ChildInquiryCreated => L["Created a child inquiry"],
        InquiryProcessed => L["Step done"],
        InquiryClosed => L["Inquiry closed"],
        InquiryReopened => L["Reopened"],
        SlaBreached => L["Deadline missed"],
        SlaEscalated => L["Escalated"],
        SlaChanged => L["Deadline moved"],
        ResponsibleAssigned => L["Responsible assigned"],
        LinkedToProblem => L["Linked to a system problem"],
        InquiryArchived => L["Archived"],
        _ => L["Changed"],
    };

    /// <summary>The particulars: names rather than codes, the text the person wrote.</summary>
    public string Details(IInquiryEvent @event, TopicId topic) => @event switch
    {
        InquiryRegistered e => L["{0}; channel: {1}; priority: {2}", Kind(e.Kind), Channel(e.Channel), Priority(e.Priority)],
        AttributesChanged e => string.Join("; ", e.Changes.Select(c =>
            $"{Attribute(topic, c.Key)}: {Value(topic, c.Key, c.Value.Old)} → {Value(topic, c.Key, c.Value.New)}")),
        InquiryQueued e => e.SlaDueAt is { } due
            ? L["Queue “{0}”, step “{1}”, due {2}", Queue(e.QueueCode), Step(e.ProcessCode), Time(due)]
            : L["Queue “{0}”, step “{1}”", Queue(e.QueueCode), Step(e.ProcessCode)],
        InquiryTransferred e => (e.ToQueueCode is { } q ? L["To queue “{0}”", Queue(q)] : L["To {0}", e.ToUser is { } u ? Who(u) : "—"])
            + (string.IsNullOrWhiteSpace(e.Reason) ? "" : ": " + e.Reason),
        CommentAdded e => e.Text,
        AttachmentAdded e => L["{0} ({1} KB)", e.FileName, Math.Max(1, e.Size / 1024)],
        ChildInquiryCreated => "",
        InquiryProcessed e => e.Result,
        InquiryClosed e => e.Resolution,
        InquiryReopened e => e.Reason,
        SlaBreached e => L["Step “{0}”, due {1}", Step(e.Step), Time(e.DueAt)],
        SlaEscalated e => e.Notified.Count > 0 ? L["Level {0}; notified: {1}", e.Level, string.Join(", ", e.Notified)] : L["Level {0}; nobody to notify", e.Level],
        SlaChanged e => L["New deadline {0}: {1}", Time(e.NewDueAt), e.Reason],
        ResponsibleAssigned e => Who(e.Responsible),
        _ => "",
    };

    private string Known(string key, string fallback)
    {
        var text = L[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
