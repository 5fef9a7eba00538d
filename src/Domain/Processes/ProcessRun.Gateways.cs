namespace Ktp.Domain.Processes;

internal sealed partial class ProcessRun
{
    /// <summary>The first flow whose condition holds, else the default; with neither, an incident (retry once the data is fixed).</summary>
    private void PassExclusive(ProcessToken token, ExclusiveGateway gateway)
    {
        var outgoing = definition.Outgoing(gateway).ToList();
        var missing = new List<string>();
        SequenceFlow? chosen = outgoing is [{ Condition: null } only] ? only : null;
        foreach (var flow in outgoing.Where(f => chosen is null && f.Condition is not null))
        {
            var outcome = flow.Condition!.Evaluate(_state.Variables);
            missing.AddRange(outcome.MissingVariables.Except(missing));
            if (outcome.Holds) chosen = flow;
        }
        chosen ??= outgoing.FirstOrDefault(f => f.Id == gateway.DefaultFlowId);
        if (chosen is null && outgoing.Count > 0)
        {
            RaiseIncident(token, NoFlowReason(gateway, missing));
            return;
        }
        Pass(token, gateway, chosen is null ? [] : [chosen], missing);
    }

    private void PassParallel(ProcessToken token, ParallelGateway gateway)
    {
        if (Joined(token, gateway) is { } leaving)
            Pass(leaving, gateway, definition.Outgoing(gateway).ToList(), []);
    }

    private void PassInclusive(ProcessToken token, InclusiveGateway gateway)
    {
        if (gateway.Incoming.Count <= 1) Fork(token, gateway);
        else FireInclusiveJoin(gateway, token.ScopeTokenId);
    }

    /// <summary>Every flow whose condition holds (unconditioned flows always), else the default; with none, an incident.</summary>
    private void Fork(ProcessToken token, InclusiveGateway gateway)
    {
        var missing = new List<string>();
        var chosen = new List<SequenceFlow>();
        foreach (var flow in definition.Outgoing(gateway).Where(f => f.Id != gateway.DefaultFlowId))
        {
            var outcome = flow.Condition?.Evaluate(_state.Variables);
            missing.AddRange((outcome?.MissingVariables ?? []).Except(missing));
            if (outcome is null || outcome.Holds) chosen.Add(flow);
        }
        if (chosen.Count == 0 && gateway.DefaultFlowId is { } defaultFlow) chosen.Add(definition.Flows[defaultFlow]);
        if (chosen.Count == 0 && gateway.Outgoing.Count > 0)
            RaiseIncident(token, NoFlowReason(gateway, missing));
        else
            Pass(token, gateway, chosen, missing);
    }

    /// <summary>A parallel join fires once a token waits on each incoming flow; the arriving token then leaves, the others complete.</summary>
    private ProcessToken? Joined(ProcessToken token, FlowNode gateway)
    {
        if (gateway.Incoming.Count <= 1) return token;
        var waiting = WaitingAt(gateway, token.ScopeTokenId);
        var onEachFlow = gateway.Incoming.Select(flow => waiting.FirstOrDefault(t => t.ArrivedVia == flow)).ToList();
        if (onEachFlow.Any(t => t is null)) return null;
        var joined = onEachFlow.Contains(token) ? token : onEachFlow[^1]!;
        foreach (var other in onEachFlow.Where(t => t != joined))
            Emit(new NodeCompleted(other!.Id, gateway.Id, at));
        return joined;
    }

    /// <summary>
    /// An inclusive join fires when no token of its scope that is elsewhere can still reach it; then all the
    /// waiting tokens merge into one, which forks on.
    /// </summary>
    private bool FireInclusiveJoin(InclusiveGateway gateway, string? scopeTokenId)
    {
        var waiting = WaitingAt(gateway, scopeTokenId);
        if (waiting.Count == 0) return false;
        if (_state.Tokens.Any(t => t.ScopeTokenId == scopeTokenId && t.NodeId != gateway.Id && CanReach(t.NodeId, gateway.Id)))
            return false;
        foreach (var other in waiting.Take(waiting.Count - 1))
            Emit(new NodeCompleted(other.Id, gateway.Id, at));
        Fork(waiting[^1], gateway);
        return true;
    }

    /// <summary>Checks inclusive joins that wait, since a token that ended elsewhere may have released them.</summary>
    private bool FireReadyInclusiveJoins()
    {
        var waits = _state.Tokens
            .Select(t => (Gateway: definition.Node(t.NodeId) as InclusiveGateway, t.ScopeTokenId))
            .Where(w => w.Gateway is { Incoming.Count: > 1 })
            .Distinct()
            .ToList();
        return waits.Aggregate(false, (fired, wait) => FireInclusiveJoin(wait.Gateway!, wait.ScopeTokenId) || fired);
    }

    private void Pass(ProcessToken token, FlowNode gateway, IReadOnlyList<SequenceFlow> flows, IReadOnlyList<string> missing)
    {
        Emit(new GatewayPassed(token.Id, gateway.Id, flows.Select(f => f.Id).ToList(), missing, at));
        Leave(token, flows);
    }

    private List<ProcessToken> WaitingAt(FlowNode gateway, string? scopeTokenId) =>
        _state.Tokens.Where(t => t.NodeId == gateway.Id && t.ScopeTokenId == scopeTokenId).ToList();

    /// <summary>Whether a token at <paramref name="fromId"/> can get to <paramref name="toId"/> along flows or boundary events.</summary>
    private bool CanReach(string fromId, string toId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([fromId]);
        while (next.TryPop(out var id))
        {
            if (!seen.Add(id)) continue;
            var node = definition.Node(id);
            foreach (var flow in definition.Outgoing(node))
            {
                if (flow.TargetId == toId) return true;
                next.Push(flow.TargetId);
            }
            foreach (var boundary in definition.BoundariesOf(id))
                next.Push(boundary.Id);
        }
        return false;
    }

    private static string NoFlowReason(FlowNode gateway, IReadOnlyList<string> missing) =>
        $"No condition of {gateway.Kind} {gateway.Id} holds and it has no default flow." +
        (missing.Count > 0 ? $" Missing variables: {string.Join(", ", missing)}." : "");
}
