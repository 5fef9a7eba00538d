using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using Spectre.Console;

namespace Ktp.Benchmarks.Load;

/// <summary>
/// The workplace through Blazor: N operator pages at once (one Chromium, a context each, so a circuit each), each opening
/// <c>/t/demo/work</c>, choosing the queue, then rounds of take next → comment → close. Times every UI round trip from the
/// click to the DOM showing the result, and the server's memory before the circuits and with all of them connected.
/// </summary>
public static class CircuitsPhase
{
    private const string Chromium = "/usr/bin/chromium";

    public sealed record Memory(double WorkingSetMb, double GcHeapMb);

    public sealed record Result(int Requested, int SignedIn, int ServerCircuitsConnected, int ServerCircuitsOpen, int ServerCircuitsConnectedAtEnd,
        IReadOnlyList<KindSummary> RoundTrips, int Failures, IReadOnlyDictionary<string, int> FailureReasons,
        long WaitingBeforeRounds, long WaitingAfterRounds, Memory Before, Memory AllConnected, Memory AfterRounds,
        double WorkingSetKbPerCircuit, double GcHeapKbPerCircuit, string Note);

    public static async Task<Result> RunAsync(LoadApp app, int circuits, int rounds, CancellationToken ct)
    {
        if (!File.Exists(Chromium)) throw new UsageException("Chromium is missing (apt-get install -y chromium), or pass --circuits 0.");
        // Every take must find an inquiry: the general queue gets one per take and some to spare.
        var needed = circuits * (rounds + 1);
        AnsiConsole.MarkupLine($"[grey]circuits: registering {needed} inquiries in-process for the takes[/]");
        await Parallel.ForAsync(0, needed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (_, c) => await app.RegisterInProcessAsync(LoadMix.NewContact(), c));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });

        AnsiConsole.MarkupLine($"[grey]circuits: creating {circuits} operators of the demo project, each signed in in its own browser context[/]");
        var operators = await app.CreateOperatorsAsync(circuits, WorkplacePage.Password, ct);
        var pages = new List<WorkplacePage>();
        var recorder = new LoadRecorder();
        var reasons = new ConcurrentDictionary<string, int>();
        await Parallel.ForAsync(0, circuits, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, _) =>
        {
            try
            {
                var page = await WorkplacePage.SignInAsync(browser, app.Url, operators[i]);
                lock (pages) pages.Add(page);
            }
            catch (PlaywrightException e) { recorder.Add("sign in", 0, 0); reasons.AddOrUpdate("sign in: " + e.Message.Split('\n')[0], 1, (_, n) => n + 1); }
        });
        try
        {
            var before = await MeasureAsync();

            // Opened 10 at a time: the 2 cores would otherwise spend minutes rendering N pages before any circuit is up.
            AnsiConsole.MarkupLine($"[grey]circuits: opening the workplace on {pages.Count} pages (server circuits before: {app.Circuits.Open})[/]");
            await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 10, CancellationToken = ct },
                async (page, _) => await Step(recorder, reasons, "open workplace", async () => ("ok", await page.OpenAsync())));
            await Task.WhenAll(pages.Select(page => Step(recorder, reasons, "choose queue", page.ChooseQueueAsync)));
            var connected = app.Circuits.Connected;
            var open = app.Circuits.Open;
            var all = await MeasureAsync();
            var waitingBefore = await app.WaitingAsync("general", ct);
            AnsiConsole.MarkupLine($"[grey]circuits: {connected} connected ({open} open) on the server; {rounds} rounds of take next → comment → close on every page[/]");

            await Task.WhenAll(pages.Select(async page =>
            {
                for (var round = 0; round < rounds && !ct.IsCancellationRequested; round++)
                {
                    if (await Step(recorder, reasons, "take next", page.TakeNextAsync) != "ok") continue;
                    // A refused comment is shown to the operator, who still closes the inquiry.
                    await Step(recorder, reasons, "comment", page.CommentAsync);
                    await Step(recorder, reasons, "close", page.CloseAsync);
                }
            }));
            var after = await MeasureAsync();
            var waitingAfter = await app.WaitingAsync("general", ct);
            var connectedAtEnd = app.Circuits.Connected;
            var n = Math.Max(1, connected);
            var result = new Result(circuits, pages.Count, connected, open, connectedAtEnd, recorder.Summaries(),
                recorder.Count(s => s == 0), reasons.OrderByDescending(r => r.Value).ToDictionary(), waitingBefore, waitingAfter, before, all, after,
                Math.Round((all.WorkingSetMb - before.WorkingSetMb) * 1024 / n, 1), Math.Round((all.GcHeapMb - before.GcHeapMb) * 1024 / n, 1),
                "Chromium, the Playwright client and the app share the same 2 cores; memory is the app's process, which also holds the Playwright client.");
            Print(result);
            return result;
        }
        finally
        {
            foreach (var page in pages) await page.DisposeAsync();
        }
    }

    /// <summary>Runs one UI step and records it; a failure ("timeout", "missing", an exception) counts with status 0.</summary>
    private static async Task<string> Step(LoadRecorder recorder, ConcurrentDictionary<string, int> reasons, string kind, Func<Task<(string Outcome, double Ms)>> step)
    {
        string outcome;
        double ms = 0;
        try { (outcome, ms) = await step(); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException) { outcome = e.GetType().Name + ": " + e.Message.Split('\n')[0]; }
        recorder.Add(outcome == "empty" ? kind + " (queue empty)" : kind, ms, outcome is "ok" or "empty" ? 200 : 0);
        if (outcome is not ("ok" or "empty")) reasons.AddOrUpdate($"{kind}: {outcome}", 1, (_, n) => n + 1);
        return outcome;
    }

    // A forced, compacting full collection first, so the heap is what is live, not what is waiting to be collected.
    private static async Task<Memory> MeasureAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new Memory(Math.Round(process.WorkingSet64 / 1048576.0, 1), Math.Round(GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0, 1));
    }

    private static void Print(Result r)
    {
        var table = new Table().Title($"Circuits: {r.ServerCircuitsConnected} of {r.Requested} connected at once, UI round trips (click → DOM)")
            .AddColumns("Step", "Count", "p50 ms", "p95 ms", "p99 ms", "max ms", "Failed");
        foreach (var s in r.RoundTrips)
            table.AddRow(s.Kind, s.Requests.ToString("N0"), s.P50.ToString("F1"), s.P95.ToString("F1"), s.P99.ToString("F1"), s.Max.ToString("F1"),
                s.Statuses.GetValueOrDefault(0).ToString("N0"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"server memory: working set {r.Before.WorkingSetMb} → {r.AllConnected.WorkingSetMb} MB, GC heap {r.Before.GcHeapMb} → {r.AllConnected.GcHeapMb} MB " +
            $"(after the rounds {r.AfterRounds.WorkingSetMb} / {r.AfterRounds.GcHeapMb} MB): [bold]{r.WorkingSetKbPerCircuit} KB working set, {r.GcHeapKbPerCircuit} KB GC heap per circuit[/]");
        AnsiConsole.MarkupLine($"waiting in the general queue: {r.WaitingBeforeRounds} before the rounds, {r.WaitingAfterRounds} after");
        foreach (var (reason, count) in r.FailureReasons) AnsiConsole.MarkupLineInterpolated($"[yellow]{count} × {reason}[/]");
        AnsiConsole.MarkupLine($"[grey]{r.Note}[/]");
    }
}
