using System.Globalization;
using System.Xml.Linq;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Processes;

internal sealed partial class BpmnReader
{
    private static readonly Dictionary<string, string[]> KtpAttributes = new(StringComparer.Ordinal)
    {
        ["userTask"] = ["candidateRole", "queue", "due", "form"],
        ["serviceTask"] = ["endpoint", "retries"],
        ["businessRuleTask"] = ["rule", "resultVariable"],
        ["intermediateCatchEvent"] = ["correlationKey"],
    };

    /// <summary>The node, or null when it is refused (the problem is recorded).</summary>
    private FlowNode? ReadNode(XElement e, string? scopeId)
    {
        var (id, name, kind) = (IdOf(e), (string?)e.Attribute("name"), e.Name.LocalName);
        if (id.Length == 0)
        {
            Unsupported(e, $"A {kind} has no id.");
            return null;
        }
        CheckKtpAttributes(e, kind);
        CheckActivityAttributes(e, kind);
        switch (kind)
        {
            case "startEvent":
                return WithoutEventDefinitions(e) && OnlyStructure(e) ? new StartEvent(id, name, scopeId) : null;
            case "endEvent":
                return ReadEndEvent(e, id, name, scopeId);
            case "task":
                return OnlyStructure(e) ? new NoneTask(id, name, scopeId) : null;
            case "userTask":
                return OnlyStructure(e) ? ReadUserTask(e, id, name, scopeId) : null;
            case "serviceTask":
                return OnlyStructure(e) ? ReadServiceTask(e, id, name, scopeId) : null;
            case "businessRuleTask":
                return OnlyStructure(e) ? ReadBusinessRuleTask(e, id, name, scopeId) : null;
            case "exclusiveGateway" or "inclusiveGateway":
                return !OnlyStructure(e) ? null
                    : kind == "exclusiveGateway" ? new ExclusiveGateway(id, name, scopeId, (string?)e.Attribute("default"))
                    : new InclusiveGateway(id, name, scopeId, (string?)e.Attribute("default"));
            case "parallelGateway":
                return OnlyStructure(e) ? new ParallelGateway(id, name, scopeId) : null;
            case "intermediateCatchEvent":
                return ReadCatchEvent(e, id, name, scopeId);
            case "boundaryEvent":
                return ReadBoundaryEvent(e, id, name, scopeId);
            case "subProcess":
                return ReadSubProcess(e, id, name, scopeId);
            default:
                Unsupported(e);
                return null;
        }
    }

    private UserTask ReadUserTask(XElement e, string id, string? name, string? scopeId) =>
        new(id, name, scopeId, KtpAttribute(e, "candidateRole"), KtpAttribute(e, "queue"), ReadDuration(e, "due"), KtpAttribute(e, "form"));

    private ServiceTask? ReadServiceTask(XElement e, string id, string? name, string? scopeId)
    {
        var endpoint = KtpAttribute(e, "endpoint");
        if (endpoint is null)
            Refuse(e, $"A service task needs ktp:endpoint (the address the call goes to).");
        var retries = ServiceTask.DefaultRetries;
        if (KtpAttribute(e, "retries") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out retries)))
            Refuse(e, $"ktp:retries \"{text}\" is not a whole number of zero or more.");
        return endpoint is null ? null : new ServiceTask(id, name, scopeId, endpoint, retries);
    }

    private BusinessRuleTask? ReadBusinessRuleTask(XElement e, string id, string? name, string? scopeId)
    {
        var (rule, resultVariable) = (KtpAttribute(e, "rule"), KtpAttribute(e, "resultVariable"));
        if (rule is null || resultVariable is null)
        {
            Refuse(e, $"A business rule task needs ktp:rule (JsonLogic) and ktp:resultVariable.");
            return null;
        }
        try
        {
            return new BusinessRuleTask(id, name, scopeId, ProcessCondition.Parse(rule), resultVariable);
        }
        catch (JsonLogicParseException ex)
        {
            Refuse(e, $"ktp:rule is not JsonLogic:", ex.Reason);
            return null;
        }
    }

    private SubProcess? ReadSubProcess(XElement e, string id, string? name, string? scopeId)
    {
        if ((string?)e.Attribute("triggeredByEvent") == "true")
        {
            Unsupported(e, $"Event sub-processes are not supported.");
            return null;
        }
        ReadScope(e, id);
        var start = _nodes.Values.OfType<StartEvent>().FirstOrDefault(s => s.ScopeId == id);
        return start is null ? null : new SubProcess(id, name, scopeId, start.Id);
    }

    private TimeSpan? ReadDuration(XElement e, string attribute)
    {
        if (KtpAttribute(e, attribute) is not { } text) return null;
        try
        {
            return TimerDefinition.ParseDuration(text);
        }
        catch (TimerFormatException ex)
        {
            Refuse(e, $"ktp:{attribute}:", ex.Reason);
            return null;
        }
    }

    /// <summary>Refuses any child element other than flows references, documentation and extensions (loops, data, properties...).</summary>
    private bool OnlyStructure(XElement e, params string[] allowed)
    {
        var ok = true;
        foreach (var child in BpmnChildren(e).Where(c => !NodeStructure.Contains(c.Name.LocalName) && !allowed.Contains(c.Name.LocalName)))
        {
            Refuse(child.Name.LocalName, IdOf(child) is { Length: > 0 } childId ? childId : IdOf(e), $"{child.Name.LocalName} in {e.Name.LocalName} \"{IdOf(e)}\" is not supported.");
            ok = false;
        }
        return ok;
    }

    private void CheckKtpAttributes(XElement e, string kind)
    {
        var known = KtpAttributes.GetValueOrDefault(kind) ?? [];
        foreach (var attribute in e.Attributes().Where(a => a.Name.Namespace == Ktp && !known.Contains(a.Name.LocalName)))
            Refuse(e, $"ktp:{attribute.Name.LocalName} is not a KTP attribute of a {kind}.");
    }

    private void CheckActivityAttributes(XElement e, string kind)
    {
        if ((string?)e.Attribute("isForCompensation") == "true")
            Refuse(e, $"Compensation activities are not supported.");
        if (kind is "task" or "userTask" or "serviceTask" or "businessRuleTask" or "subProcess" && e.Attribute("default") is not null)
            Refuse(e, $"A default flow on an activity is not supported (conditions belong on gateways).");
    }
}
