using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ktp.Benchmarks.Load;

/// <summary>The server's own count of Blazor circuits: opened and not yet closed, and of those the ones with a live connection.</summary>
public sealed class CircuitCounter
{
    private int _open;
    private int _connected;

    public int Open => Volatile.Read(ref _open);
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>One per circuit (circuit handlers are scoped to the circuit).</summary>
    public sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct) { Interlocked.Increment(ref counter._open); return Task.CompletedTask; }
        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct) { Interlocked.Decrement(ref counter._open); return Task.CompletedTask; }
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct) { Interlocked.Increment(ref counter._connected); return Task.CompletedTask; }
        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct) { Interlocked.Decrement(ref counter._connected); return Task.CompletedTask; }
    }
}
