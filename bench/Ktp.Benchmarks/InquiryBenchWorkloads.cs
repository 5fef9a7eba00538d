using System.Diagnostics;
using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Inquiries;

namespace Ktp.Benchmarks;

/// <summary>Latencies of one phase: every run timed end to end (including opening the unit of work and committing).</summary>
public sealed record LatencyRun(int Runs, int Concurrency, double WallSeconds, Percentiles Latency, double MeanRows, long Errors, string? FirstError,
    int SlowestIndex);

/// <summary>
/// Runs <paramref name="plans"/> with <paramref name="concurrency"/> workers taking the next plan in turn; the first
/// <paramref name="warmup"/> plans are run but not measured.
/// </summary>
public static class LatencyRunner
{
    public static async Task<LatencyRun> RunAsync<T>(IReadOnlyList<T> plans, int warmup, int concurrency, Func<T, Task<int>> run,
        Action<int> done, CancellationToken ct)
    {
        var ticks = new long[plans.Count];
        var rows = new long[plans.Count];
        var next = -1;
        var finished = 0;
        long errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        long measureStart = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plans.Count && !ct.IsCancellationRequested)
            {
                if (i == warmup) Interlocked.Exchange(ref measureStart, clock.ElapsedTicks);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    rows[i] = await run(plans[i]);
                    ticks[i] = Stopwatch.GetTimestamp() - started;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ticks[i] = -1;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }
                done(Interlocked.Increment(ref finished));
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        ct.ThrowIfCancellationRequested();
        var wall = (clock.ElapsedTicks - measureStart) / (double)Stopwatch.Frequency;
        var measured = Enumerable.Range(warmup, plans.Count - warmup).Where(i => ticks[i] >= 0).ToArray();
        var slowest = measured.Length == 0 ? -1 : measured.MaxBy(i => ticks[i]);
        return new LatencyRun(measured.Length, concurrency, wall, Percentiles.Of(measured.Select(i => ticks[i])),
            measured.Length == 0 ? 0 : measured.Average(i => (double)rows[i]), errors, firstError, slowest);
    }
}

/// <summary>The measured operations, each through the app's code for a random tenant (picked in proportion to its inquiries).</summary>
public sealed class InquiryBenchWorkloads(InquiryBenchApp app, IReadOnlyList<MeasureTenant> tenants, int seed)
{
    private readonly double[] _cumulative = Cumulative(tenants);

    public MeasureTenant Biggest { get; } = tenants.MaxBy(t => t.Inquiries)!;

    private static double[] Cumulative(IReadOnlyList<MeasureTenant> tenants)
    {
        var sums = new double[tenants.Count];
        double sum = 0;
        for (var i = 0; i < tenants.Count; i++) sums[i] = sum += tenants[i].Inquiries;
        return sums;
    }

    /// <summary>A tenant with probability proportional to its inquiries: busy tenants have more operators clicking.</summary>
    public MeasureTenant PickTenant(Random rng)
    {
        var x = rng.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return tenants[Math.Min(tenants.Count - 1, i < 0 ? ~i : i)];
    }

    public sealed record Registration(MeasureTenant Tenant, Actor Operator, RegisterContactCommand Command);

    /// <summary>Contacts with one inquiry each, filled like the seeded ones; 70 % for a known customer.</summary>
    public IReadOnlyList<Registration> Registrations(int count, int pass)
    {
        var rng = new Random(seed * 31 + pass);
        var list = new List<Registration>(count);
        for (var k = 0; k < count; k++)
        {
            var tenant = PickTenant(rng);
            var topics = tenant.Config.Topics;
            var topic = topics.Effective(topics.Topics[InquiryBenchCatalog.PickIndex(InquiryBenchCatalog.TopicShares, rng)].Id);
            var customer = tenant.Customers.Length > 0 && rng.NextDouble() < 0.7 ? tenant.Customers[rng.Next(tenant.Customers.Length)] : (Guid?)null;
            var command = new RegisterContactCommand(tenant.ProjectId, customer, null, "in",
                InquiryBenchCatalog.Pick(InquiryBenchCatalog.Channels, InquiryBenchCatalog.ChannelWeights, rng), null,
                [new NewInquiry(topic.Id.Value, InquiryBenchCatalog.Attributes(topic, rng, null),
                    InquiryBenchCatalog.Pick(InquiryBenchCatalog.Priorities, InquiryBenchCatalog.PriorityWeights, rng))]);
            list.Add(new Registration(tenant, tenant.Operators[rng.Next(tenant.Operators.Length)], command));
        }
        return list;
    }

    public async Task<int> RegisterAsync(Registration r, CancellationToken ct)
    {
        var handler = new RegisterContact(app.Session(r.Tenant, r.Operator), app.Projects, app.Stream, TimeProvider.System);
        var result = await handler.HandleAsync(r.Command, ct);
        return result.InquiryIds.Count;
    }

    public sealed record QueuePlan(MeasureTenant Tenant, string Queue);

    public IReadOnlyList<QueuePlan> QueuePlans(int count, int pass, MeasureTenant? only = null)
    {
        var rng = new Random(seed * 37 + pass);
        return [.. Enumerable.Range(0, count).Select(_ =>
            new QueuePlan(only ?? PickTenant(rng), InquiryBenchCatalog.Queues[rng.Next(InquiryBenchCatalog.Queues.Length)]))];
    }

    /// <summary>The operator workplace's queue page: <see cref="InquiryQueries.QueueAsync"/> (100 rows, most urgent first).</summary>
    public async Task<int> QueuePageAsync(QueuePlan p, CancellationToken ct)
    {
        var queries = new InquiryQueries(app.Session(p.Tenant, p.Tenant.Operators[0]), app.Stream, app.Projects);
        return (await queries.QueueAsync(p.Tenant.ProjectId, p.Queue, ct: ct)).Count;
    }

    /// <summary>The workplace's queue counters next to the page: <see cref="InquiryQueries.QueuesAsync"/>.</summary>
    public async Task<int> QueueCountsAsync(QueuePlan p, CancellationToken ct)
    {
        var queries = new InquiryQueries(app.Session(p.Tenant, p.Tenant.Operators[0]), app.Stream, app.Projects);
        return (await queries.QueuesAsync(p.Tenant.ProjectId, ct)).Count;
    }

    public sealed record FilterPlan(MeasureTenant Tenant, FilterParameters Parameters);

    /// <summary>
    /// Status (waiting 30 %, in work 20 %, closed 50 %), one of the four technical topics, the last 7 / 30 / 90 days,
    /// any priority, any channel, and a region (the attribute the technical topics require), weighted as seeded.
    /// </summary>
    public IReadOnlyList<FilterPlan> FilterPlans(int count, int pass, MeasureTenant? only = null)
    {
        var rng = new Random(seed * 41 + pass);
        var now = DateTimeOffset.UtcNow;
        var list = new List<FilterPlan>(count);
        for (var k = 0; k < count; k++)
        {
            var tenant = only ?? PickTenant(rng);
            list.Add(new FilterPlan(tenant, Filter(tenant, rng, now)));
        }
        return list;
    }

    private static FilterParameters Filter(MeasureTenant tenant, Random rng, DateTimeOffset now)
    {
        var topic = tenant.Config.Topics.Topics[InquiryBenchCatalog.RegionTopics[rng.Next(InquiryBenchCatalog.RegionTopics.Length)]];
        var days = InquiryBenchCatalog.Pick([7, 30, 90], [0.4, 0.4, 0.2], rng);
        return new FilterParameters(tenant.ProjectId,
            InquiryBenchCatalog.Pick(["Waiting", "InWork", "Closed"], [0.3, 0.2, 0.5], rng),
            topic.Id.Value, now.AddDays(-days), now.AddMinutes(1),
            InquiryBenchCatalog.Priorities[rng.Next(InquiryBenchCatalog.Priorities.Length)],
            InquiryBenchCatalog.Channels[rng.Next(InquiryBenchCatalog.Channels.Length)],
            "region", InquiryBenchCatalog.Pick(InquiryBenchCatalog.Regions, InquiryBenchCatalog.RegionWeights, rng));
    }

    /// <summary>A common case on the biggest tenant: closed, the first technical topic, 30 days, normal, phone, Moscow.</summary>
    public FilterParameters TypicalFilter(MeasureTenant tenant) => new(tenant.ProjectId, "Closed",
        tenant.Config.Topics.Topics[InquiryBenchCatalog.RegionTopics[0]].Id.Value, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddMinutes(1),
        "normal", "phone", "region", InquiryBenchCatalog.Regions[0]);

    public async Task<int> FilterAsync(FilterPlan p, CancellationToken ct) =>
        await InquiryBenchQueries.FilterAsync(app.Search(app.Session(p.Tenant, p.Tenant.Operators[0])), p.Parameters, ct);

    /// <summary>The queue of the biggest tenant with the most waiting inquiries.</summary>
    public async Task<(string Queue, long Waiting)> BiggestQueueAsync(CancellationToken ct)
    {
        await using var owner = await app.OpenOwnerAsync(ct);
        return await owner.QuerySingleAsync<(string, long)>("""
            SELECT queue_code, count(*) FROM inquiries WHERE tenant_id = @tenant AND status = 'Waiting' GROUP BY queue_code ORDER BY 2 DESC LIMIT 1
            """, new { tenant = Biggest.TenantId });
    }
}
