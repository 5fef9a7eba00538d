using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Inquiries;

namespace Ktp.Web.Inquiries.Pages;

/// <summary>
/// One inquiry being filled in during a contact: its topic, attribute values and evaluated form, and
/// whether the operator answered it during the contact (a quick consultation, closed at once).
/// </summary>
public sealed class InquiryDraft
{
    private readonly Dictionary<string, string?> _values = [];

    public Guid? TopicId { get; private set; }

    /// <summary>The priority code; rules read it as <c>priority</c>.</summary>
    public string? Priority { get; set; }
    public AttributeForm? Form { get; private set; }
    public bool AnsweredNow { get; set; }
    public string Answer { get; set; } = "";

    /// <summary>Field marks show only once the operator has tried to save.</summary>
    public bool ShowErrors { get; set; }

    /// <summary>Errors the server reported for this inquiry.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; set; }

    public bool IsComplete => Form is not null && Form.Validate().Count == 0;

    public void SelectTopic(Guid? topicId)
    {
        TopicId = topicId;
        _values.Clear();
        ShowErrors = false;
        Errors = null;
    }

    public void SetValue(string code, string? text) => _values[code] = text;

    /// <summary>Evaluates the topic's attribute form; its rules may read the contact's channel and customer.</summary>
    public void Evaluate(TopicCatalog topics, string channel, CustomerFacts? customer)
    {
        if (TopicId is not { } id)
        {
            Form = null;
            return;
        }
        var topic = topics.Effective(new TopicId(id));
        Form = AttributeForm.Evaluate(topic.Attributes, _values, new FormContext(topic.Id, topic.Topic.Kind, channel, Priority, Customer: customer));
    }

    /// <param name="defaultAnswer">What the closed inquiry records when the operator typed no answer.</param>
    public NewInquiry ToNewInquiry(string defaultAnswer) => new(
        TopicId ?? throw new InvalidOperationException("The draft has no topic."),
        new Dictionary<string, string?>(_values),
        Priority,
        AnsweredNow: AnsweredNow ? (string.IsNullOrWhiteSpace(Answer) ? defaultAnswer : Answer.Trim()) : null);
}
