using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Routing;

/// <summary>
/// Moves an inquiry along a validated route. Pure: the answer depends only on the definition and the
/// inquiry's data document (see <see cref="RoutingData.Build"/>). Rules are tried in their order and the
/// first that holds wins. A rule reading a field the data lacks sees null (JsonLogic semantics), so it
/// simply does not hold, or holds if it tests for emptiness; nothing is thrown.
/// </summary>
public static class RouteEngine
{
    /// <summary>Where a new inquiry starts: the route's start process and the queue its rules choose.</summary>
    public static RoutePosition Start(RouteDefinition route, JsonNode? data) => Enter(route, route.StartProcess, data);

    /// <summary>The inquiry enters <paramref name="processCode"/> (by a transition or an explicit move) and is queued.</summary>
    /// <exception cref="ArgumentException">The route has no such process.</exception>
    public static RoutePosition Enter(RouteDefinition route, string processCode, JsonNode? data)
    {
        var process = route.Process(processCode);
        return new RoutePosition(process.Code, ChooseQueue(process, data));
    }

    /// <summary>The queue of the first queue rule that holds, else the process's default queue.</summary>
    public static string ChooseQueue(ProcessDefinition process, JsonNode? data) =>
        process.QueueRules.FirstOrDefault(rule => Holds(rule.Condition, data))?.Queue ?? process.DefaultQueue;

    /// <summary>Where the inquiry goes once <paramref name="process"/> is done: the first transition that holds, else the default.</summary>
    public static RouteStep NextStep(ProcessDefinition process, JsonNode? data)
    {
        var target = process.Transitions.FirstOrDefault(t => Holds(t.Condition, data))?.Target ?? process.DefaultNext;
        return target == Transition.Close ? RouteStep.Close : RouteStep.ToProcess(target);
    }

    /// <exception cref="JsonLogicParseException">The definition was not validated: a rule is not valid JsonLogic.</exception>
    private static bool Holds(string condition, JsonNode? data) => JsonLogicRule.Parse(condition).IsSatisfiedBy(data);
}

/// <summary>Where an inquiry is on its route: a process and one of its queues.</summary>
public sealed record RoutePosition(string Process, string Queue);

/// <summary>Where an inquiry goes when it leaves a process: another process, or closed.</summary>
public readonly record struct RouteStep
{
    private RouteStep(string? process) => Process = process;

    public static RouteStep Close => default;

    public static RouteStep ToProcess(string processCode) =>
        new(string.IsNullOrWhiteSpace(processCode) ? throw new ArgumentException("A process code is required.", nameof(processCode)) : processCode);

    /// <summary>The next process; null when the inquiry is closed.</summary>
    public string? Process { get; }

    public bool IsClose => Process is null;

    public override string ToString() => Process ?? Transition.Close;
}
