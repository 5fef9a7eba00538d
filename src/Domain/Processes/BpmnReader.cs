using System.Xml.Linq;
using Ktp.Domain.Common;

namespace Ktp.Domain.Processes;

/// <summary>One deployment: reads the elements, collecting every problem before refusing.</summary>
internal sealed partial class BpmnReader
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Ktp = BpmnDeployer.KtpNamespace;

    // Elements without behaviour: layout lives elsewhere; these only annotate the model.
    private static readonly HashSet<string> Annotations = ["documentation", "extensionElements", "textAnnotation", "association", "group"];
    private static readonly HashSet<string> NodeStructure = ["incoming", "outgoing", "documentation", "extensionElements"];

    private readonly List<DeploymentProblem> _problems = [];
    private readonly Dictionary<string, FlowNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<(XElement Element, string? ScopeId)> _flowElements = [];
    private readonly Dictionary<string, string> _messageNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errorCodes = new(StringComparer.Ordinal);

    public ProcessDefinition Read(XDocument document, int version)
    {
        var root = document.Root!;
        if (root.Name != Bpmn + "definitions")
            throw new DeploymentRefusedException([DeploymentProblem.Of(root.Name.LocalName, IdOf(root), $"The root element is not BPMN 2.0 definitions.")]);

        var process = ReadDefinitions(root);
        if (process is null)
            throw new DeploymentRefusedException([.. _problems, DeploymentProblem.Of("definitions", IdOf(root), $"There is no process.")]);

        ReadProcess(process);
        var flows = ReadFlows();
        CheckReferences(flows);
        if (_problems.Count > 0)
            throw new DeploymentRefusedException(_problems);
        return new ProcessDefinition(
            IdOf(process), version, (string?)process.Attribute("name"), WithFlows(flows), flows.ToDictionary(f => f.Id, StringComparer.Ordinal));
    }

    /// <summary>Reads messages and errors; returns the one process.</summary>
    private XElement? ReadDefinitions(XElement root)
    {
        XElement? process = null;
        foreach (var child in BpmnChildren(root))
        {
            switch (child.Name.LocalName)
            {
                case "process" when process is null:
                    process = child;
                    break;
                case "process":
                    Refuse(child, $"Only one process per file is supported.");
                    break;
                case "message":
                    _messageNames[IdOf(child)] = (string?)child.Attribute("name") ?? IdOf(child);
                    break;
                case "error":
                    _errorCodes[IdOf(child)] = (string?)child.Attribute("errorCode") ?? IdOf(child);
                    break;
                case var name when Annotations.Contains(name):
                    break;
                default:
                    Unsupported(child);
                    break;
            }
        }
        return process;
    }

    private void ReadProcess(XElement process)
    {
        if (IdOf(process).Length == 0)
            Refuse(process, $"The process has no id; the id is the definition's key.");
        if ((string?)process.Attribute("isExecutable") == "false")
            Refuse(process, $"The process is marked not executable (isExecutable=\"false\").");
        ReadScope(process, scopeId: null);
    }

    private void ReadScope(XElement container, string? scopeId)
    {
        var starts = 0;
        foreach (var child in BpmnChildren(container))
        {
            var kind = child.Name.LocalName;
            if (kind == "sequenceFlow")
                _flowElements.Add((child, scopeId));
            else if (!Annotations.Contains(kind) && ReadNode(child, scopeId) is { } node)
            {
                if (!_nodes.TryAdd(node.Id, node)) Refuse(child, $"Another element has the same id.");
                if (node is StartEvent) starts++;
            }
        }
        if (starts != 1)
            Refuse(container, scopeId is null
                ? (FormattableString)$"The process must have exactly one none start event; it has {starts}."
                : $"Sub-process \"{scopeId}\" must have exactly one none start event; it has {starts}.");
    }

    private IReadOnlyDictionary<string, FlowNode> WithFlows(IReadOnlyList<SequenceFlow> flows) =>
        _nodes.Values.ToDictionary(
            node => node.Id,
            node => node with
            {
                Incoming = flows.Where(f => f.TargetId == node.Id).Select(f => f.Id).ToList(),
                Outgoing = flows.Where(f => f.SourceId == node.Id).Select(f => f.Id).ToList(),
            },
            StringComparer.Ordinal);

    private static IEnumerable<XElement> BpmnChildren(XElement parent) => parent.Elements().Where(e => e.Name.Namespace == Bpmn);

    private static string IdOf(XElement element) => (string?)element.Attribute("id") ?? "";

    private static string? KtpAttribute(XElement element, string name) => ((string?)element.Attribute(Ktp + name))?.Trim() is { Length: > 0 } value ? value : null;

    private void Unsupported(XElement element, FormattableString? reason = null) =>
        Refuse(element, reason ?? $"{element.Name.LocalName} is not supported.");

    private void Refuse(XElement element, FormattableString reason, Wording? cause = null) => Refuse(element.Name.LocalName, IdOf(element), reason, cause);

    private void Refuse(string kind, string id, FormattableString reason, Wording? cause = null) => _problems.Add(DeploymentProblem.Of(kind, id, reason, cause));
}
