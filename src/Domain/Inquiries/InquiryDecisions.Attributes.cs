using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

public static partial class InquiryDecisions
{
    private static object[] Register(Inquiry state, RegisterInquiry c)
    {
        if (state.IsRegistered) throw new InquiryException($"Inquiry {state.Id} is already registered.");
        ArgumentNullException.ThrowIfNull(c.Topic);
        var topic = c.Topic.Topic;
        var check = new Validation()
            .Require(topic.Active, "topicId", $"Topic '{topic.Name}' is inactive; new inquiries cannot use it.")
            .Require(!string.IsNullOrWhiteSpace(c.Channel), "channel", "Choose the channel.")
            .Require(!string.IsNullOrWhiteSpace(c.Priority), "priority", "Choose the priority.")
            .Require(c.ParentId != c.InquiryId, "parentId", "An inquiry cannot be its own parent.")
            .Require(c.Route is null or { Version: > 0 }, "route", "A route version starts at 1.")
            .Require(c.Number > 0, "number", "An inquiry is registered with the tenant's next number.");
        CheckDefined(check, c.Topic, c.Attributes.Keys);

        var context = new FormContext(topic.Id, topic.Kind, c.Channel?.Trim(), c.Priority?.Trim(), InquiryStatus.Registered, null, c.Customer);
        var form = AttributeForm.Evaluate(c.Topic.Attributes, c.Attributes, context);
        form.AddErrorsTo(check);
        check.ThrowIfInvalid();

        return [new InquiryRegistered(
            c.InquiryId, c.ProjectId, c.ContactId, c.CustomerId, topic.Id, topic.Kind, c.Channel!.Trim(), c.Priority!.Trim(),
            form.StoredValues(), c.ParentId, c.Route, c.By, c.At, c.Number)];
    }

    private static object[] ChangeAttributes(Inquiry state, ChangeAttributes c)
    {
        RefuseIn(state, "be edited", InquiryStatus.Closed, InquiryStatus.Archived);
        RequireTopic(state, c.Topic);
        RequireWorker(state, c, "change its attributes");
        var check = new Validation();
        CheckDefined(check, c.Topic, c.Values.Keys);

        var context = FormContext.Of(state, c.Customer);
        var current = AttributeForm.Evaluate(c.Topic.Attributes, Stored(state), context);
        var changes = new Dictionary<string, AttributeChange>(StringComparer.Ordinal);
        foreach (var (code, text) in c.Values)
        {
            if (current.Fields.FirstOrDefault(f => f.Code == code) is not { } field) continue; // reported above
            if (!AttributeValue.TryParse(field.Definition.Type, text, out var value))
                check.Add(code, $"Attribute '{field.Definition.Label}' expects {AttributeValue.Expectation(field.Definition.Type)}.");
            else if (field.TypeError is null && Equals(field.Value, value))
                continue;
            else if (field.ReadOnly)
                check.Add(code, $"Attribute '{field.Definition.Label}' is read-only.");
            else
                changes[code] = new AttributeChange(field.Value?.Serialize() ?? field.Text?.Trim() ?? "", AttributeValue.Serialize(value));
        }
        check.ThrowIfInvalid();
        if (changes.Count == 0) return [];

        var after = Stored(state);
        foreach (var (code, change) in changes) after[code] = change.New;
        AttributeForm.Evaluate(c.Topic.Attributes, after, context).AddErrorsTo(check);
        check.ThrowIfInvalid();
        return [new AttributesChanged(changes, c.By, c.At)];
    }

    /// <summary>The inquiry's attributes must satisfy the topic's form (e.g. before closing).</summary>
    private static void RequireValidAttributes(Inquiry state, EffectiveTopic topic, CustomerFacts? customer)
    {
        RequireTopic(state, topic);
        var check = new Validation();
        AttributeForm.Evaluate(topic.Attributes, Stored(state), FormContext.Of(state, customer)).AddErrorsTo(check);
        check.ThrowIfInvalid();
    }

    private static void CheckDefined(Validation check, EffectiveTopic topic, IEnumerable<string> codes)
    {
        var defined = topic.Attributes.Where(a => a.Active).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in codes.Where(code => !defined.Contains(code)))
            check.Add(code, $"Attribute '{code}' is not an active attribute of topic '{topic.Topic.Name}'.");
    }

    private static Dictionary<string, string?> Stored(Inquiry state) =>
        state.Attributes.ToDictionary(a => a.Key, string? (a) => a.Value, StringComparer.Ordinal);
}
