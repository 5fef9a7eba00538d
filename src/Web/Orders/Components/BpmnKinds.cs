using Microsoft.Extensions.Localization;

namespace Ktp.Web.Orders.Components;

/// <summary>The names people know BPMN elements by ("Exclusive gateway"), for the kinds the modeler and the engine name ("exclusiveGateway").</summary>
public static class BpmnKinds
{
    /// <summary>The element kind's name in the UI language; null for a kind without one.</summary>
    public static string? Name(string kind, IStringLocalizer T) => kind switch
    {
        "startEvent" => T["Start event"].Value,
        "eventStartEvent" => T["Start event with a trigger"].Value,
        "endEvent" => T["End event"].Value,
        "errorEndEvent" => T["Error end event"].Value,
        "task" => T["Task"].Value,
        "userTask" => T["User task"].Value,
        "serviceTask" => T["Service task"].Value,
        "businessRuleTask" => T["Business rule task"].Value,
        "scriptTask" => T["Script task"].Value,
        "sendTask" => T["Send task"].Value,
        "receiveTask" => T["Receive task"].Value,
        "manualTask" => T["Manual task"].Value,
        "callActivity" => T["Call activity"].Value,
        "subProcess" => T["Sub-process"].Value,
        "exclusiveGateway" => T["Exclusive gateway"].Value,
        "inclusiveGateway" => T["Inclusive gateway"].Value,
        "parallelGateway" => T["Parallel gateway"].Value,
        "eventBasedGateway" => T["Event-based gateway"].Value,
        "complexGateway" => T["Complex gateway"].Value,
        "timerCatchEvent" => T["Timer event"].Value,
        "messageCatchEvent" => T["Message catch event"].Value,
        "intermediateCatchEvent" => T["Intermediate catch event"].Value,
        "intermediateThrowEvent" => T["Intermediate throw event"].Value,
        "timerBoundaryEvent" => T["Timer boundary event"].Value,
        "errorBoundaryEvent" => T["Error boundary event"].Value,
        "boundaryEvent" => T["Boundary event"].Value,
        "sequenceFlow" => T["Sequence flow"].Value,
        "textAnnotation" => T["Text annotation"].Value,
        "association" => T["Association"].Value,
        "group" => T["Group"].Value,
        "participant" => T["Pool"].Value,
        "lane" => T["Lane"].Value,
        "dataObjectReference" => T["Data object"].Value,
        "dataStoreReference" => T["Data store"].Value,
        _ => null,
    };
}
