using System.Net;
using System.Net.Sockets;

namespace Ktp.Testing;

/// <summary>
/// A loopback TCP forwarder in front of PostgreSQL, so a test can take "the database" away from the
/// app and give it back without touching the server other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptLoopAsync(_listener, _cts.Token);
    }

    /// <summary>Refuses new connections and cuts the open ones, like a database that went away.</summary>
    public void Stop()
    {
        _cts?.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(ct); }
            catch { return; }
            _ = PipeAsync(inbound, ct);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        lock (_open) { _open.Add(inbound); _open.Add(outbound); }
        try
        {
            await outbound.ConnectAsync(_target, ct);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch
        {
            // a cut connection is the point of this class
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
