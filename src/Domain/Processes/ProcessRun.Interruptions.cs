namespace Ktp.Domain.Processes;

// Errors, and withdrawing tokens (interrupting events, errors, cancel).
internal sealed partial class ProcessRun
{
    /// <summary>
    /// The error goes up through the sub-processes around the end event until an error boundary event catches
    /// it (one naming the code before a catch-all); uncaught, it fails the instance.
    /// </summary>
    private void ThrowError(ProcessToken token, EndEvent end)
    {
        var code = end.ErrorCode!;
        for (var scopeId = token.ScopeTokenId; scopeId is not null;)
        {
            var scope = Token(scopeId);
            var catcher = definition.BoundariesOf(scope.NodeId).OfType<ErrorBoundaryEvent>()
                .Where(b => b.Catches(code)).OrderBy(b => b.ErrorCode is null).FirstOrDefault();
            if (catcher is not null)
            {
                Emit(new ErrorThrown(token.Id, end.Id, code, catcher.Id, at));
                Interrupt(scope, $"Error {code} was caught by {catcher.Id}.");
                Enter(catcher.Id, scope.ScopeTokenId, flowId: null);
                return;
            }
            scopeId = scope.ScopeTokenId;
        }
        Emit(new ErrorThrown(token.Id, end.Id, code, CaughtBy: null, at));
        WithdrawEverything($"Error {code} was not caught.");
        Emit(new InstanceFailed(code, end.Id, at));
    }

    /// <summary>Withdraws the token, everything running inside it (for a sub-process) and its timers.</summary>
    private void Interrupt(ProcessToken token, string reason)
    {
        foreach (var inner in _state.Tokens.Where(t => t.ScopeTokenId == token.Id).ToList())
            Interrupt(inner, reason);
        CancelTimersOf(token.Id);
        Emit(new TokenCancelled(token.Id, token.NodeId, reason, at));
    }

    private void WithdrawEverything(string reason)
    {
        foreach (var token in _state.Tokens.Where(t => t.ScopeTokenId is null).ToList())
            Interrupt(token, reason);
    }
}
