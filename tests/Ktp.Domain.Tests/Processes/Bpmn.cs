using Ktp.Domain.Processes;

namespace Ktp.Domain.Tests.Processes;

/// <summary>Small diagrams written inline: the body of one process, wrapped in BPMN definitions.</summary>
internal static class Bpmn
{
    public static string Xml(string processBody, string declarations = "", string processId = "p") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ktp="https://ktp.dev/bpmn"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs">
          {declarations}
          <process id="{processId}" isExecutable="true">
            {processBody}
          </process>
        </definitions>
        """;

    public static ProcessDefinition Deploy(string processBody, string declarations = "", int version = 1) =>
        BpmnDeployer.Deploy(Xml(processBody, declarations), version);

    public static IReadOnlyList<DeploymentProblem> Refusal(string processBody, string declarations = "") =>
        Should.Throw<DeploymentRefusedException>(() => Deploy(processBody, declarations)).Problems;

    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><conditionExpression xsi:type="tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</conditionExpression></sequenceFlow>""";

    /// <summary>Flows joining the ids in a chain: Chain("start", "a", "end") gives start→a→end named f_start_a, f_a_end.</summary>
    public static string Chain(params string[] ids) =>
        string.Concat(ids.Zip(ids.Skip(1), (from, to) => Flow($"f_{from}_{to}", from, to)));
}
