using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ktp.Testing;

namespace Ktp.EndToEnd.Tests;

/// <summary>
/// The real <c>ktp</c> executable, as './ktp run' starts it: seeded by its own CLI, then serving on a
/// free loopback port over a fresh database (several nodes on the one database for <see cref="TwoNodes"/>).
/// </summary>
public class AppProcess : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly StringBuilder _output = new();
    private readonly int _nodes;
    private readonly List<Process> _servers = [];

    public AppProcess() : this(1) { }

    protected AppProcess(int nodes) => _nodes = nodes;

    public string BaseUrl => NodeUrls[0];
    public List<string> NodeUrls { get; } = [];
    public string OwnerConnectionString => _database.OwnerConnectionString;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var seed = Start("seed");
        await seed.WaitForExitAsync();
        if (seed.ExitCode != 0) throw new InvalidOperationException("ktp seed failed:\n" + Output);
        for (var i = 0; i < _nodes; i++) await StartNodeAsync();
    }

    /// <summary>Starts one more node on the database and waits until it is ready.</summary>
    public async Task<string> StartNodeAsync()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var server = Start($"serve --urls {url}", publicUrl: url);
        _servers.Add(server);
        NodeUrls.Add(url);
        await WaitUntilReadyAsync(server, url);
        return url;
    }

    /// <summary>Kills node <paramref name="index"/> at once (SIGKILL: no shutdown, no draining).</summary>
    public async Task KillNodeAsync(int index)
    {
        _servers[index].Kill(entireProcessTree: true);
        await _servers[index].WaitForExitAsync();
    }

    /// <param name="publicUrl">Where the node's e-mailed links point (App:PublicUrl).</param>
    private Process Start(string arguments, string? publicUrl = null)
    {
        var repo = RepoRoot();
        var configuration = typeof(AppProcess).Assembly.Location.Contains("/Release/") ? "Release" : "Debug";
        var exe = Path.Combine(repo, "src", "Web", "bin", configuration, "net10.0", "ktp");
        var info = new ProcessStartInfo(exe, arguments)
        {
            WorkingDirectory = Path.Combine(repo, "src", "Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Ktp"] = _database.OwnerConnectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Demo__Password"] = "Demo-Password-1";
        if (publicUrl is not null) info.Environment["App__PublicUrl"] = publicUrl;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + exe);
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(Process server, string url)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException("ktp exited:\n" + Output);
            try
            {
                if ((await http.GetAsync(url + "/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("ktp did not become ready:\n" + Output);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Where(s => !s.HasExited))
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ktp.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ktp.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Two <c>ktp serve</c> processes on one database, as behind a load balancer.</summary>
public sealed class TwoNodes() : AppProcess(2);
