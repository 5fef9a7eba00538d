using System.Xml;
using System.Xml.Linq;

namespace Ktp.Domain.Processes;

/// <summary>
/// Turns BPMN 2.0 XML into a <see cref="ProcessDefinition"/>, or refuses it naming every element the engine
/// cannot run. Nothing is ignored except the diagram layout (BPMNDiagram), documentation, artifacts
/// (text annotations, associations, groups) and extensions of other tools (camunda:*, extensionElements).
/// </summary>
public static class BpmnDeployer
{
    /// <summary>The namespace of KTP's own attributes, e.g. <c>xmlns:ktp="https://ktp.dev/bpmn"</c>.</summary>
    public const string KtpNamespace = "https://ktp.dev/bpmn";

    /// <exception cref="DeploymentRefusedException">The XML is malformed, or uses elements the engine does not support.</exception>
    public static ProcessDefinition Deploy(string xml, int version)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new DeploymentRefusedException([DeploymentProblem.Of("definitions", "", $"The file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).")]);
        }
        return new BpmnReader().Read(document, version);
    }
}
