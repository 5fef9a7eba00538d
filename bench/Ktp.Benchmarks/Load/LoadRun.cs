using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;

namespace Ktp.Benchmarks.Load;

/// <summary>
/// <c>bench/load.sh</c>: the app under the seed's 1,000 concurrent users over real HTTP on loopback.
/// (1) HTTP vs in-process registration rate, (2) open-loop: every user sends one request every users/rate seconds
/// on its own connection, (3) closed-loop burst: every user as fast as it can, (4) Blazor circuits: operators' workplace pages
/// in Chromium (<see cref="CircuitsPhase"/>). See bench/README.md.
/// </summary>
public static class LoadRun
{
    public sealed record Options(string ConnectionString, int Users, int Rate, int OpenSeconds, int BurstSeconds, int RatioSeconds, int Workers, int Keys, int Port, string Output,
        int Circuits, int CircuitRounds, bool OnlyCircuits);

    public const string Usage = """
        Ktp.Benchmarks load [--users 1000] [--rate 200] [--open-seconds 60] [--burst-seconds 20] [--ratio-seconds 10]
                            [--workers 16] [--keys 20] [--port 5091] [--output bench/results/load-latest.json] [--quick]
                            [--circuits 100] [--circuit-rounds 5] [--only-circuits]
        --circuits 0 skips the Blazor phase; --only-circuits runs only it. --quick: 20 circuits, 3 rounds.
        Needs ConnectionStrings__Ktp (owner) of a database it may migrate and seed; bench/load.sh makes a fresh one.
        """;

    public static Task<int> MainAsync(string[] args) => BenchConsole.RunAsync(() => Parse(args), Usage, RunAsync);

    private static Options Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        int Int(string name, int normal, int fast)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : quick ? fast : normal;
        }
        var output = Array.IndexOf(args, "--output") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : "bench/results/load-latest.json";
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Ktp") ?? throw new UsageException("ConnectionStrings__Ktp is not set.");
        return new Options(connection, Int("--users", 1000, 200), Int("--rate", 200, 100), Int("--open-seconds", 60, 10), Int("--burst-seconds", 20, 5),
            Int("--ratio-seconds", 10, 4), Int("--workers", 16, 8), Int("--keys", 20, 10), Int("--port", 5091, 5091), output,
            Int("--circuits", 100, 20), Int("--circuit-rounds", 5, 3), args.Contains("--only-circuits"));
    }

    private static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var loadAtStart = MachineInfo.LoadAverage();
        AnsiConsole.MarkupLine($"[grey]load average at start: {loadAtStart}; starting the app on port {options.Port}[/]");
        await using var app = await LoadApp.StartAsync(options.ConnectionString, options.Port, ct);
        if (options.OnlyCircuits)
        {
            var alone = await CircuitsPhase.RunAsync(app, options.Circuits, options.CircuitRounds, ct);
            await WriteAsync(options, new { machine = Machine(loadAtStart), options = options with { ConnectionString = "(hidden)" }, circuits = alone }, ct);
            return CircuitsPassed(alone) ? 0 : 1;
        }
        var keys = await app.CreateKeysAsync(options.Keys, ct);
        var mix = new LoadMix(app.Tenant.Slug);
        using var shared = Client(app.Url, keys[0], options.Workers);

        AnsiConsole.MarkupLine("[grey]warm-up: 300 registrations over HTTP and 300 in-process[/]");
        var warm = new LoadRecorder();
        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct },
            async (_, c) => await mix.SendAsync(shared, "register", warm, c));
        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct },
            async (_, c) => mix.Remember(await app.RegisterInProcessAsync(LoadMix.NewContact(), c)));

        var workerClients = Enumerable.Range(0, options.Workers).Select(i => Client(app.Url, keys[i % keys.Count], 1)).ToArray();
        var ratio = await MeasureRatioAsync(app, mix, workerClients, options, ct);
        AnsiConsole.MarkupLine($"[bold]registrations/s: in-process {ratio.InProcess:F0}, HTTP {ratio.Http:F0} → {ratio.Percent:F0} %[/]");

        var clients = Enumerable.Range(0, options.Users).Select(i => Client(app.Url, keys[i % keys.Count], 1)).ToArray();
        try
        {
            var settled = await SettleAsync(ct);
            var openRuntime = new RuntimeSampler();
            var open = await OpenLoopAsync(clients, mix, options, ct);
            await openRuntime.DisposeAsync();
            Print($"Open loop: {options.Users} users, {options.Rate} requests/s for {options.OpenSeconds} s", open, openRuntime.Result());
            PrintTimeline(open, openRuntime);
            var burstRuntime = new RuntimeSampler();
            var burst = await BurstAsync(clients, mix, options, ct);
            await burstRuntime.DisposeAsync();
            Print($"Burst: {options.Users} users as fast as they can for {options.BurstSeconds} s", burst, burstRuntime.Result());
            var memoryMb = Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024;
            var after = await shared.GetAsync("/health/ready", ct);
            AnsiConsole.MarkupLine($"after the burst /health/ready answers {(int)after.StatusCode}; process working set {memoryMb} MB");
            var circuits = options.Circuits > 0 ? await CircuitsPhase.RunAsync(app, options.Circuits, options.CircuitRounds, ct) : null;
            var report = new
            {
                machine = Machine(loadAtStart),
                options = options with { ConnectionString = "(hidden)" },
                registrationsPerSecond = ratio,
                secondsToSettleBeforeOpenLoop = settled,
                openLoop = open.Summaries(),
                openLoopRuntime = openRuntime.Result(),
                openLoopTimeline = open.Timeline(),
                openLoopRuntimeBySecond = openRuntime.Seconds,
                openLoopErrors = open.Count(s => s is 0 or >= 500),
                burst = burst.Summaries(),
                burstRuntime = burstRuntime.Result(),
                burst5xxOtherThan503 = burst.Count(s => s is >= 500 and not 503),
                burstNoAnswer = burst.Count(s => s == 0),
                workingSetMb = memoryMb,
                readyAfterBurst = (int)after.StatusCode,
                circuits,
            };
            await WriteAsync(options, report, ct);
            return report.openLoopErrors == 0 && report.burst5xxOtherThan503 == 0 && report.burstNoAnswer == 0 && (circuits is null || CircuitsPassed(circuits)) ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static object Machine(string loadAtStart) =>
        new { cores = Environment.ProcessorCount, loadAverageAtStart = loadAtStart, loadAverageAtEnd = MachineInfo.LoadAverage() };

    private static bool CircuitsPassed(CircuitsPhase.Result r) => r.ServerCircuitsConnected >= r.Requested && r.Failures == 0;

    private static async Task WriteAsync(Options options, object report, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }), ct);
        BenchConsole.Written(options.Output);
    }

    public sealed record RatioResult(double InProcess, double Http, double Percent);

    // Alternates in-process and HTTP twice, so a noisy neighbour hits both alike.
    // Each HTTP worker has its own key, so the per-integration rate limit does not cap the measurement.
    private static async Task<RatioResult> MeasureRatioAsync(LoadApp app, LoadMix mix, HttpClient[] http, Options options, CancellationToken ct)
    {
        double inProcess = 0, overHttp = 0;
        for (var round = 0; round < 2; round++)
        {
            inProcess += await RateAsync(options, async (_, c) => { mix.Remember(await app.RegisterInProcessAsync(LoadMix.NewContact(), c)); return true; }, ct);
            var recorder = new LoadRecorder();
            overHttp += await RateAsync(options, async (worker, c) => await mix.SendAsync(http[worker], "register", recorder, c) is >= 200 and < 300, ct);
            if (recorder.Count(s => s is not (>= 200 and < 300)) > 0)
                AnsiConsole.MarkupLine($"[yellow]{recorder.Count(s => s is not (>= 200 and < 300))} HTTP registrations failed during the ratio phase[/]");
        }
        return new RatioResult(Math.Round(inProcess / 2), Math.Round(overHttp / 2), Math.Round(100 * overHttp / inProcess, 1));
    }

    private static async Task<double> RateAsync(Options options, Func<int, CancellationToken, Task<bool>> register, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(options.RatioSeconds));
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(async worker =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { if (await register(worker, stop.Token)) Interlocked.Increment(ref done); }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            }
        }));
        return done / watch.Elapsed.TotalSeconds;
    }

    // The ratio phase leaves thousands of registrations whose projections and scheduled messages are still being
    // worked off; the open loop measures the users' steady load, so it starts once the app is idle again.
    private static async Task<double> SettleAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            process.Refresh();
            if ((process.TotalProcessorTime - cpu).TotalSeconds < 0.15) break;
        }
        AnsiConsole.MarkupLine($"[grey]the app was idle again {watch.Elapsed.TotalSeconds:F0} s after the ratio phase[/]");
        return Math.Round(watch.Elapsed.TotalSeconds);
    }

    private static async Task<LoadRecorder> OpenLoopAsync(HttpClient[] clients, LoadMix mix, Options options, CancellationToken ct)
    {
        var recorder = new LoadRecorder();
        var period = TimeSpan.FromSeconds((double)clients.Length / options.Rate);
        var start = Stopwatch.GetTimestamp();
        var end = TimeSpan.FromSeconds(options.OpenSeconds);
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            for (var tick = period * i / clients.Length; tick < end; tick += period)
            {
                var wait = tick - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                await mix.SendAsync(client, mix.Pick(), recorder, ct);
            }
        }));
        return recorder;
    }

    private static async Task<LoadRecorder> BurstAsync(HttpClient[] clients, LoadMix mix, Options options, CancellationToken ct)
    {
        var recorder = new LoadRecorder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(options.BurstSeconds));
        await Task.WhenAll(clients.Select(async client =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await mix.SendAsync(client, mix.Pick(), recorder, stop.Token); }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            }
        }));
        return recorder;
    }

    private static HttpClient Client(string url, string key, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static void PrintTimeline(LoadRecorder recorder, RuntimeSampler runtime)
    {
        var table = new Table().Title("Open loop, second by second").AddColumns("s", "Requests", "p50 ms", "p99 ms", "max ms", "GC pause ms", "GCs 0/1/2", "CPU cores", "Threads", "Queued");
        var samples = runtime.Seconds.ToDictionary(s => s.Second);
        foreach (var second in recorder.Timeline())
        {
            var r = samples.GetValueOrDefault(second.Second);
            table.AddRow(second.Second.ToString(), second.Requests.ToString(), second.P50.ToString("F1"), second.P99.ToString("F1"), second.Max.ToString("F1"),
                r?.GcPauseMs.ToString("F0") ?? "", r is null ? "" : $"{r.Gen0}/{r.Gen1}/{r.Gen2}", r?.CpuCores.ToString("F2") ?? "", r?.PoolThreads.ToString() ?? "", r?.QueuedWorkItems.ToString() ?? "");
        }
        AnsiConsole.Write(table);
    }

    private static void Print(string title, LoadRecorder recorder, RuntimeSampler.Summary runtime)
    {
        AnsiConsole.MarkupLine($"[grey]{title}: pool threads ≤ {runtime.MaxPoolThreads}, queued work items ≤ {runtime.MaxQueuedWorkItems}, " +
            $"GC pauses {runtime.GcPauseMs} ms ({runtime.Gen2Collections} gen2), CPU {runtime.CpuCoresUsed} cores[/]");
        var table = new Table().Title(title).AddColumns("Request", "Count", "p50 ms", "p95 ms", "p99 ms", "max ms", "Statuses");
        foreach (var s in recorder.Summaries())
            table.AddRow(s.Kind, s.Requests.ToString("N0"), s.P50.ToString("F1"), s.P95.ToString("F1"), s.P99.ToString("F1"), s.Max.ToString("F1"),
                string.Join(", ", s.Statuses.Select(kv => $"{(kv.Key == 0 ? "no answer" : kv.Key.ToString())}: {kv.Value:N0}")));
        AnsiConsole.Write(table);
    }
}
