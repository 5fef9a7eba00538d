using System.Xml.Linq;

namespace Ktp.Domain.Processes;

internal sealed partial class BpmnReader
{
    private static IReadOnlyList<XElement> EventDefinitions(XElement e) =>
        BpmnChildren(e).Where(c => c.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) || c.Name.LocalName == "eventDefinitionRef").ToList();

    /// <summary>A none event: any event definition is refused.</summary>
    private bool WithoutEventDefinitions(XElement e)
    {
        var definitions = EventDefinitions(e);
        foreach (var definition in definitions)
            Refuse($"{e.Name.LocalName} with {definition.Name.LocalName}", IdOf(e), $"A {e.Name.LocalName} with {definition.Name.LocalName} is not supported.");
        return definitions.Count == 0;
    }

    /// <summary>The one event definition of the allowed kinds, or null (refused) when there are several or another kind.</summary>
    private XElement? SingleDefinition(XElement e, params string[] allowed)
    {
        var definitions = EventDefinitions(e);
        var supported = definitions.Where(d => allowed.Contains(d.Name.LocalName)).ToList();
        foreach (var definition in definitions.Except(supported))
            Refuse($"{e.Name.LocalName} with {definition.Name.LocalName}", IdOf(e), $"A {e.Name.LocalName} with {definition.Name.LocalName} is not supported.");
        if (definitions.Count > 1 && supported.Count == definitions.Count)
            Refuse(e, $"An event with several event definitions is not supported.");
        var choices = string.Join(", ", allowed);
        if (definitions.Count == 0)
            Refuse(e, $"A {e.Name.LocalName} needs one of: {choices}.");
        return definitions.Count == 1 && supported.Count == 1 ? supported[0] : null;
    }

    private EndEvent? ReadEndEvent(XElement e, string id, string? name, string? scopeId)
    {
        var definitions = EventDefinitions(e);
        if (definitions.Count == 0)
            return OnlyStructure(e) ? new EndEvent(id, name, scopeId, ErrorCode: null) : null;
        if (SingleDefinition(e, "errorEventDefinition") is not { } error || !OnlyStructure(e, "errorEventDefinition"))
            return null;
        var code = ErrorCodeOf(error);
        if (code is null) Refuse(e, $"An error end event needs an errorRef to a declared error.");
        return code is null ? null : new EndEvent(id, name, scopeId, code);
    }

    private FlowNode? ReadCatchEvent(XElement e, string id, string? name, string? scopeId)
    {
        var definition = SingleDefinition(e, "timerEventDefinition", "messageEventDefinition");
        if (definition is null || !OnlyStructure(e, definition.Name.LocalName))
            return null;
        if (definition.Name.LocalName == "timerEventDefinition")
            return ReadTimer(e, definition) is { } timer ? new TimerCatchEvent(id, name, scopeId, timer) : null;

        var messageRef = (string?)definition.Attribute("messageRef");
        if (messageRef is null || !_messageNames.TryGetValue(messageRef, out var message))
        {
            Refuse(e, $"A message catch event needs a messageRef to a declared message.");
            return null;
        }
        return new MessageCatchEvent(id, name, scopeId, message, KtpAttribute(e, "correlationKey"));
    }

    private BoundaryEvent? ReadBoundaryEvent(XElement e, string id, string? name, string? scopeId)
    {
        var definition = SingleDefinition(e, "timerEventDefinition", "errorEventDefinition");
        var attachedTo = (string?)e.Attribute("attachedToRef");
        if (attachedTo is null) Refuse(e, $"A boundary event needs attachedToRef.");
        if (definition is null || attachedTo is null || !OnlyStructure(e, definition.Name.LocalName))
            return null;

        var cancels = (string?)e.Attribute("cancelActivity") != "false";
        if (definition.Name.LocalName == "timerEventDefinition")
            return ReadTimer(e, definition) is { } timer ? new TimerBoundaryEvent(id, name, scopeId, attachedTo, cancels, timer) : null;

        if (!cancels) Refuse(e, $"An error boundary event always interrupts; cancelActivity=\"false\" is not allowed.");
        var errorRef = (string?)definition.Attribute("errorRef");
        var code = ErrorCodeOf(definition);
        if (errorRef is not null && code is null) Refuse(e, $"errorRef \"{errorRef}\" names no declared error.");
        return cancels && (errorRef is null || code is not null) ? new ErrorBoundaryEvent(id, name, scopeId, attachedTo, code) : null;
    }

    private string? ErrorCodeOf(XElement errorDefinition) =>
        (string?)errorDefinition.Attribute("errorRef") is { } errorRef ? _errorCodes.GetValueOrDefault(errorRef) : null;

    private TimerDefinition? ReadTimer(XElement e, XElement definition)
    {
        var forms = new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) }
            .Select(form => (Element: definition.Element(Bpmn + form.Item1), Kind: form.Item2))
            .Where(form => form.Element is not null && form.Element.Value.Trim().Length > 0)
            .ToList();
        if (forms.Count != 1)
        {
            Refuse(e, forms.Count == 0
                ? (FormattableString)$"The timer is empty: it needs a timeDuration, timeDate or timeCycle."
                : $"The timer has more than one of timeDuration, timeDate and timeCycle.");
            return null;
        }
        try
        {
            return TimerDefinition.Parse(forms[0].Kind, forms[0].Element!.Value);
        }
        catch (TimerFormatException ex)
        {
            Refuse(e, $"Timer:", ex.Reason);
            return null;
        }
    }
}
