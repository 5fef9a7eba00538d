using Ktp.Domain.Common;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Routing;

/// <summary>
/// Checks a route definition before it is saved. Errors are keyed by the path of the offending field,
/// e.g. <c>Processes[1].Transitions[0].Condition</c>, so the editor can show them in place.
/// </summary>
public static class RouteValidator
{
    /// <summary>
    /// Refuses: missing ids and names; duplicate process or queue codes (and a process coded
    /// <see cref="Transition.Close"/>); rules that are not valid JsonLogic (bad JSON, unknown operators);
    /// rules and defaults pointing at unknown queues or processes; a process without queues; loops; and
    /// processes from which no path leads to close.
    /// <para>
    /// A <b>loop</b> is any cycle in the transition graph, whose nodes are the processes and whose edges are
    /// all transitions, conditional or default: a process that can go to itself, or to a process from which
    /// it can be reached again. Loops are refused whatever their conditions say, because conditions read data
    /// that changes while the inquiry is worked, so nothing guarantees the loop is ever left: an inquiry could
    /// circulate forever and never close. Sending an inquiry back for rework is an explicit move by a person,
    /// recorded in its history, not a route rule. Without loops, and with every process having a valid
    /// default, every path ends at close; the close check names the processes caught in a loop.
    /// </para>
    /// </summary>
    /// <exception cref="ValidationFailedException">The definition breaks one or more of these rules.</exception>
    public static void Validate(RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var errors = new Validation()
            .Require(!Blank(route.RouteId), nameof(route.RouteId), "A route needs an id.")
            .Require(!Blank(route.Name), nameof(route.Name), "A route needs a name.")
            .Require(route.Version >= 1, nameof(route.Version), $"The version must be 1 or more, not {route.Version}.")
            .Require(route.Processes.Count > 0, nameof(route.Processes), "A route needs at least one process.");

        var processes = IndexProcesses(route, errors);
        if (Blank(route.StartProcess))
            errors.Add(nameof(route.StartProcess), "Choose the process an inquiry starts in.");
        else if (!processes.ContainsKey(route.StartProcess))
            errors.Add(nameof(route.StartProcess), $"There is no process '{route.StartProcess}' in this route.");

        for (var i = 0; i < route.Processes.Count; i++)
            CheckProcess(route.Processes[i], $"Processes[{i}]", processes, errors);
        CheckQueuesUniqueInRoute(route, errors);

        var graph = new TransitionGraph(route, processes);
        foreach (var loop in graph.Loops())
            errors.Add(loop.Field,
                $"Going to '{loop.Target}' makes a loop ({string.Join(" → ", loop.Path)}): an inquiry could circulate forever. " +
                "Remove the loop; send an inquiry back by moving it explicitly.");
        foreach (var index in graph.ProcessesThatCannotClose())
            errors.Add($"Processes[{index}]",
                $"No path leads from process '{route.Processes[index].Code}' to close: an inquiry entering it could never be closed.");

        errors.ThrowIfInvalid();
    }

    /// <summary>An inquiry records only its queue's code, so a code names one queue in the whole route.</summary>
    private static void CheckQueuesUniqueInRoute(RouteDefinition route, Validation errors)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < route.Processes.Count; i++)
            for (var j = 0; j < route.Processes[i].Queues.Count; j++)
            {
                var code = route.Processes[i].Queues[j].Code;
                if (Blank(code)) continue;
                if (owner.TryGetValue(code, out var other) && other != route.Processes[i].Code)
                    errors.Add($"Processes[{i}].Queues[{j}].Code", $"Queue code '{code}' is already used in process '{other}': queue codes are unique in a route.");
                else owner.TryAdd(code, route.Processes[i].Code);
            }
    }

    private static Dictionary<string, int> IndexProcesses(RouteDefinition route, Validation errors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < route.Processes.Count; i++)
        {
            var code = route.Processes[i].Code;
            var field = $"Processes[{i}].Code";
            if (Blank(code))
                errors.Add(field, "A process needs a code.");
            else if (code == Transition.Close)
                errors.Add(field, $"'{Transition.Close}' is reserved for closing the inquiry; choose another code.");
            else if (!index.TryAdd(code, i))
                errors.Add(field, $"Process code '{code}' is used twice.");
        }
        return index;
    }

    private static void CheckProcess(ProcessDefinition process, string path, Dictionary<string, int> processes, Validation errors)
    {
        errors.Require(!Blank(process.Name), $"{path}.Name", "A process needs a name.");
        var queues = new HashSet<string>(StringComparer.Ordinal);
        if (process.Queues.Count == 0)
            errors.Add($"{path}.Queues", $"Process '{process.Code}' needs at least one queue.");
        for (var j = 0; j < process.Queues.Count; j++)
        {
            var queue = process.Queues[j];
            if (Blank(queue.Code))
                errors.Add($"{path}.Queues[{j}].Code", "A queue needs a code.");
            else if (!queues.Add(queue.Code))
                errors.Add($"{path}.Queues[{j}].Code", $"Queue code '{queue.Code}' is used twice in process '{process.Code}'.");
            errors.Require(!Blank(queue.Name), $"{path}.Queues[{j}].Name", "A queue needs a name.");
        }

        for (var j = 0; j < process.QueueRules.Count; j++)
        {
            CheckCondition(process.QueueRules[j].Condition, $"{path}.QueueRules[{j}].Condition", errors);
            CheckQueue(process.QueueRules[j].Queue, $"{path}.QueueRules[{j}].Queue", process, queues, errors);
        }
        CheckQueue(process.DefaultQueue, $"{path}.DefaultQueue", process, queues, errors);

        for (var j = 0; j < process.Transitions.Count; j++)
        {
            CheckCondition(process.Transitions[j].Condition, $"{path}.Transitions[{j}].Condition", errors);
            CheckTarget(process.Transitions[j].Target, $"{path}.Transitions[{j}].Target", processes, errors);
        }
        CheckTarget(process.DefaultNext, $"{path}.DefaultNext", processes, errors);
    }

    private static void CheckCondition(string condition, string field, Validation errors)
    {
        if (Blank(condition))
        {
            errors.Add(field, "A rule needs a condition.");
            return;
        }
        try
        {
            JsonLogicRule.Parse(condition);
        }
        catch (JsonLogicParseException e)
        {
            errors.Add(field, $"The condition is not a valid JsonLogic rule. {e.Message}");
        }
    }

    private static void CheckQueue(string queue, string field, ProcessDefinition process, HashSet<string> queues, Validation errors)
    {
        if (Blank(queue))
            errors.Add(field, "Choose a queue.");
        else if (!queues.Contains(queue))
            errors.Add(field, $"'{queue}' is not a queue of process '{process.Code}'.");
    }

    private static void CheckTarget(string target, string field, Dictionary<string, int> processes, Validation errors)
    {
        if (Blank(target))
            errors.Add(field, $"Choose the next process or '{Transition.Close}'.");
        else if (target != Transition.Close && !processes.ContainsKey(target))
            errors.Add(field, $"'{target}' is neither a process of this route nor '{Transition.Close}'.");
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
