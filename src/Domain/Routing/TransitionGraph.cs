namespace Ktp.Domain.Routing;

/// <summary>
/// The processes of a route as a graph: one edge per transition (conditional or default) whose target is a
/// known process. Targets that are unknown or <see cref="Transition.Close"/> add no edge.
/// </summary>
/// <param name="processes">Process code → index of its first definition.</param>
internal sealed class TransitionGraph(RouteDefinition route, Dictionary<string, int> processes)
{
    private readonly RouteDefinition _route = route;
    private readonly Dictionary<string, int> _processes = processes;

    /// <param name="Field">The transition that closes the loop, e.g. Processes[2].DefaultNext.</param>
    /// <param name="Path">Process codes from the loop's target round to it again.</param>
    public sealed record Loop(string Field, string Target, IReadOnlyList<string> Path);

    /// <summary>Every edge that points back into the depth-first path it leaves from (each closes a cycle).</summary>
    public IEnumerable<Loop> Loops()
    {
        var state = new Visit[_route.Processes.Count];
        var path = new List<int>();
        var loops = new List<Loop>();
        var order = _processes.TryGetValue(_route.StartProcess ?? "", out var start)
            ? _processes.Values.Prepend(start)
            : _processes.Values;
        foreach (var root in order)
            if (state[root] == Visit.New)
                Walk(root, state, path, loops);
        return loops;
    }

    /// <summary>Indexes of processes (first of each code) with no path of edges to close.</summary>
    public IEnumerable<int> ProcessesThatCannotClose()
    {
        var canClose = new HashSet<int>();
        bool changed;
        do
        {
            changed = false;
            foreach (var index in _processes.Values.Where(i => !canClose.Contains(i)))
                if (Targets(index).Any(t => t.Target == Transition.Close || (_processes.TryGetValue(t.Target, out var next) && canClose.Contains(next))))
                    changed |= canClose.Add(index);
        } while (changed);
        return _processes.Values.Where(i => !canClose.Contains(i)).Order();
    }

    private void Walk(int index, Visit[] state, List<int> path, List<Loop> loops)
    {
        state[index] = Visit.OnPath;
        path.Add(index);
        foreach (var (target, field) in Targets(index))
        {
            if (!_processes.TryGetValue(target, out var next))
                continue;
            if (state[next] == Visit.OnPath)
            {
                var cycle = path.Skip(path.IndexOf(next)).Append(next).Select(i => _route.Processes[i].Code).ToList();
                loops.Add(new Loop(field, target, cycle));
            }
            else if (state[next] == Visit.New)
                Walk(next, state, path, loops);
        }
        path.RemoveAt(path.Count - 1);
        state[index] = Visit.Done;
    }

    private IEnumerable<(string Target, string Field)> Targets(int index)
    {
        var process = _route.Processes[index];
        for (var j = 0; j < process.Transitions.Count; j++)
            if (process.Transitions[j].Target is { } target)
                yield return (target, $"Processes[{index}].Transitions[{j}].Target");
        if (process.DefaultNext is { } fallback)
            yield return (fallback, $"Processes[{index}].DefaultNext");
    }

    private enum Visit { New, OnPath, Done }
}
