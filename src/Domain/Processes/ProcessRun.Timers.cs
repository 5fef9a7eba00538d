namespace Ktp.Domain.Processes;

// Timer events: an intermediate timer lets its token go on; a boundary timer interrupts its activity or spawns a token beside it.
internal sealed partial class ProcessRun
{
    public void FireTimer(string timerId)
    {
        var timer = _state.Timers.FirstOrDefault(t => t.TimerId == timerId)
            ?? throw new ProcessItemNotFoundException($"Instance {_state.InstanceId} has no scheduled timer {timerId}.");
        Emit(new TimerFired(timer.TimerId, at));
        var token = Token(timer.TokenId);
        switch (definition.Node(timer.NodeId))
        {
            case TimerCatchEvent:
                LeaveAll(token);
                break;
            case TimerBoundaryEvent { CancelsActivity: true } boundary:
                Interrupt(token, $"Boundary timer {boundary.Id} fired.");
                Enter(boundary.Id, token.ScopeTokenId, flowId: null);
                break;
            case TimerBoundaryEvent boundary:
                // The next occurrence counts from the due time, not from when the fire was reported, so a cycle does not drift.
                if (timer.FiringsLeft is not 1)
                    Emit(new TimerScheduled(NextId(), boundary.Id, token.Id, timer.DueAt + boundary.Timer.Duration!.Value, timer.FiringsLeft - 1, at));
                Enter(boundary.Id, token.ScopeTokenId, flowId: null);
                break;
        }
        Run();
    }

    private void ScheduleBoundaryTimers(ProcessToken token)
    {
        foreach (var boundary in definition.BoundariesOf(token.NodeId).OfType<TimerBoundaryEvent>())
            Emit(new TimerScheduled(NextId(), boundary.Id, token.Id, boundary.Timer.FirstDueAt(at), boundary.CancelsActivity ? 1 : boundary.Timer.Firings, at));
    }

    private void CancelTimersOf(string tokenId)
    {
        foreach (var timer in _state.Timers.Where(t => t.TokenId == tokenId).ToList())
            Emit(new TimerCancelled(timer.TimerId, at));
    }
}
