using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ktp.Benchmarks.Load;

/// <summary>Latency and status of every request of a phase, per kind of request.</summary>
public sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<(double Ms, int Status)>> _byKind = new();
    private readonly ConcurrentBag<(double StartedAt, double Ms)> _all = [];
    private readonly long _start = Stopwatch.GetTimestamp();

    public void Add(string kind, double ms, int status)
    {
        _byKind.GetOrAdd(kind, _ => []).Add((ms, status));
        _all.Add((Stopwatch.GetElapsedTime(_start).TotalSeconds - ms / 1000, ms));
    }

    /// <summary>Every request by the second of the phase it was sent in: whether slow answers cluster in time (a stall) or spread.</summary>
    public IReadOnlyList<SecondSummary> Timeline() =>
        [.. _all.GroupBy(r => (int)Math.Max(0, r.StartedAt)).OrderBy(g => g.Key).Select(g =>
        {
            var sorted = g.Select(r => r.Ms).Order().ToArray();
            return new SecondSummary(g.Key, sorted.Length, KindSummary.Percentile(sorted, 0.5), KindSummary.Percentile(sorted, 0.99), Math.Round(sorted[^1], 1));
        })];

    public IReadOnlyList<KindSummary> Summaries() => _byKind.OrderBy(k => k.Key).Select(k => KindSummary.Of(k.Key, [.. k.Value])).ToList();

    public int Count(Func<int, bool> status) => _byKind.Values.Sum(bag => bag.Count(r => status(r.Status)));
}

/// <param name="Statuses">Status code → count; 0 stands for a request that got no answer (connection error, timeout).</param>
public sealed record KindSummary(string Kind, int Requests, double P50, double P95, double P99, double Max, IReadOnlyDictionary<int, int> Statuses)
{
    public static KindSummary Of(string kind, (double Ms, int Status)[] results)
    {
        var ok = results.Where(r => r.Status is >= 200 and < 300).Select(r => r.Ms).Order().ToArray();
        return new KindSummary(kind, results.Length, Percentile(ok, 0.50), Percentile(ok, 0.95), Percentile(ok, 0.99), ok.Length == 0 ? 0 : ok[^1],
            results.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }

    public int Errors => Statuses.Where(s => s.Key is 0 or >= 500 && s.Key != 503).Sum(s => s.Value);

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
}

public sealed record SecondSummary(int Second, int Requests, double P50, double P99, double Max);
