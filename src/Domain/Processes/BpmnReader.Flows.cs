using System.Xml.Linq;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Processes;

internal sealed partial class BpmnReader
{
    private static readonly string[] JsonLogicLanguages = ["jsonlogic", "https://jsonlogic.com", "http://jsonlogic.com"];

    /// <summary>The flows that connect known nodes of one scope, in document order.</summary>
    private List<SequenceFlow> ReadFlows()
    {
        var flows = new List<SequenceFlow>();
        foreach (var (e, scopeId) in _flowElements)
        {
            var (id, sourceId, targetId) = (IdOf(e), (string?)e.Attribute("sourceRef") ?? "", (string?)e.Attribute("targetRef") ?? "");
            if (id.Length == 0 || _nodes.ContainsKey(id) || flows.Any(f => f.Id == id))
            {
                Refuse(e, id.Length == 0 ? (FormattableString)$"A sequence flow has no id." : $"Another element has the same id.");
                continue;
            }
            OnlyStructure(e, "conditionExpression");
            var source = Known(e, sourceId, scopeId, "source");
            var target = Known(e, targetId, scopeId, "target");
            if (source is EndEvent) Refuse(e, $"It leaves end event \"{sourceId}\".");
            if (target is StartEvent or BoundaryEvent) Refuse(e, $"It leads into {target.Kind} \"{targetId}\", which cannot be entered by a flow.");
            var condition = e.Element(Bpmn + "conditionExpression") is { } expression ? ReadCondition(e, expression, source) : null;
            flows.Add(new SequenceFlow(id, sourceId, targetId, condition));
        }
        return flows;
    }

    private FlowNode? Known(XElement flow, string nodeId, string? scopeId, string end)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            // A refused node is reported already; only a reference to nothing is the flow's own problem.
            if (!ElementExists(flow.Document!, nodeId)) Refuse(flow, $"Its {end} \"{nodeId}\" does not exist.");
            return null;
        }
        if (node.ScopeId != scopeId) Refuse(flow, $"Its {end} \"{nodeId}\" is in another (sub-)process.");
        return node;
    }

    private static bool ElementExists(XDocument document, string id) =>
        id.Length > 0 && document.Descendants().Any(d => d.Name.Namespace == Bpmn && IdOf(d) == id);

    private ProcessCondition? ReadCondition(XElement flow, XElement expression, FlowNode? source)
    {
        var text = expression.Value.Trim();
        var language = (string?)expression.Attribute("language");
        if (source is not null and not ExclusiveGateway and not InclusiveGateway)
            Refuse(flow, $"A condition on a flow leaving {source.Kind} \"{source.Id}\" is not supported; conditions belong on flows leaving exclusive or inclusive gateways.");
        else if (text.Length == 0)
            Refuse(flow, $"The condition is empty.");
        else if (language is not null && !JsonLogicLanguages.Contains(language, StringComparer.OrdinalIgnoreCase))
            Refuse(flow, $"The condition's language \"{language}\" is not JsonLogic.");
        else
        {
            try
            {
                return ProcessCondition.Parse(text);
            }
            catch (JsonLogicParseException ex)
            {
                Refuse(flow, $"The condition \"{text}\" is not JsonLogic:", ex.Reason);
            }
        }
        return null;
    }

    /// <summary>Defaults, unconditioned gateway flows and boundary attachments, once all flows are known.</summary>
    private void CheckReferences(IReadOnlyList<SequenceFlow> flows)
    {
        foreach (var node in _nodes.Values)
        {
            var outgoing = flows.Where(f => f.SourceId == node.Id).ToList();
            if (node is ExclusiveGateway { DefaultFlowId: var exclusiveDefault })
                CheckGateway(node, outgoing, exclusiveDefault);
            if (node is InclusiveGateway { DefaultFlowId: var inclusiveDefault })
                CheckGateway(node, outgoing, inclusiveDefault);
            if (node is BoundaryEvent boundary)
                CheckAttachment(boundary);
        }
    }

    private void CheckGateway(FlowNode gateway, List<SequenceFlow> outgoing, string? defaultFlowId)
    {
        if (defaultFlowId is not null && outgoing.All(f => f.Id != defaultFlowId))
            Refuse(gateway.Kind, gateway.Id, $"Its default flow \"{defaultFlowId}\" is not one of its outgoing flows.");
        if (outgoing.Count < 2)
            return;
        foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != defaultFlowId && !_problems.Any(p => p.ElementId == f.Id)))
            Refuse("sequenceFlow", flow.Id, $"It leaves {gateway.Kind} \"{gateway.Id}\" without a condition and is not its default flow.");
    }

    private void CheckAttachment(BoundaryEvent boundary)
    {
        if (!_nodes.TryGetValue(boundary.AttachedToId, out var activity))
            Refuse(boundary.Kind, boundary.Id, $"It is attached to \"{boundary.AttachedToId}\", which is not a supported activity.");
        else if (activity is not (NoneTask or UserTask or ServiceTask or BusinessRuleTask or SubProcess))
            Refuse(boundary.Kind, boundary.Id, $"It is attached to {activity.Kind} \"{activity.Id}\"; boundary events attach to tasks and sub-processes.");
        else if (activity.ScopeId != boundary.ScopeId)
            Refuse(boundary.Kind, boundary.Id, $"It is attached to \"{activity.Id}\" in another (sub-)process.");
    }
}
