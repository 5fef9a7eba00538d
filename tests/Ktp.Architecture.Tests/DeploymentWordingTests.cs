using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ktp.Testing;

namespace Ktp.Architecture.Tests;

/// <summary>
/// The process editor says why a diagram was refused in the user's language: every wording the engine can give — its
/// own reasons and the rule and timer faults under them — has a Russian text beside the modeler's.
/// </summary>
public sealed partial class DeploymentWordingTests
{
    private static readonly string Root = Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!;

    private static readonly string[] Sources =
    [
        "src/Domain/Processes/BpmnReader.cs", "src/Domain/Processes/BpmnReader.Events.cs", "src/Domain/Processes/BpmnReader.Flows.cs",
        "src/Domain/Processes/BpmnReader.Nodes.cs", "src/Domain/Processes/BpmnDeployer.cs", "src/Domain/Processes/TimerDefinition.cs",
        "src/Domain/Rules/JsonLogic/JsonLogicRule.cs",
    ];

    [Fact]
    public void Every_refusal_wording_has_a_Russian_text()
    {
        var russian = XDocument.Load(Path.Combine(Root, "src/Web/Orders/Components/ModelerTexts.ru.resx")).Root!
            .Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var wordings = Sources.SelectMany(f => Interpolated().Matches(File.ReadAllText(Path.Combine(Root, f))).Select(m => SourceWordings.FormatOf(m.Groups[1].Value))).ToList();

        wordings.Count.ShouldBeGreaterThan(40, "the scan finds the engine's wordings");
        wordings.ShouldContain("Unknown operator \"{0}\" at {1}.");
        wordings.Where(w => !russian.Contains(w)).Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_writes_a_wording_as_the_compiler_does()
    {
        var name = "x";
        var count = 2;
        FormattableString text = $"The condition \"{name}\" has {count:N0} parts.";
        SourceWordings.FormatOf("The condition \\\"{name}\\\" has {count:N0} parts.").ShouldBe(text.Format);
    }

    // An interpolated string, but not the first argument of Refuse: that one is an element kind, named by BpmnKinds.
    [GeneratedRegex(@"(?<!Refuse\()\$""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Interpolated();
}
