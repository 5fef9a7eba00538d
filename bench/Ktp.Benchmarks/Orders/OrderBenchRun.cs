using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Ktp.Benchmarks.Load;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Ktp.Benchmarks.Orders;

/// <summary>
/// <c>bench/orders.sh</c>: (1) the BPMN engine alone, instances of a 5-step process (start, three user tasks, end) started
/// and completed per second; (2) the same process with the store: orders placed and their three tasks completed through the
/// app's handlers (Marten streams, projections), by several workers; (3) with 100,000 running instances in the read model,
/// the "my tasks" and dispatcher queries at p50/p99.
/// </summary>
public static class OrderBenchRun
{
    public sealed record Options(string ConnectionString, int EngineSeconds, int StoreSeconds, int Workers, int Running, int QueryCalls, int Port, string Output);

    public const string Usage = """
        Ktp.Benchmarks orders [--engine-seconds 5] [--store-seconds 20] [--workers 4] [--running 100000] [--query-calls 300]
                              [--port 5092] [--output bench/results/orders-latest.json] [--quick]
        Needs ConnectionStrings__Ktp (owner) of a database it may migrate and seed; bench/orders.sh makes a fresh one.
        """;

    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ktp="https://ktp.dev/bpmn" id="bench" targetNamespace="https://ktp.dev/bench">
          <process id="bench_five_steps" name="Five steps" isExecutable="true">
            <startEvent id="start" />
            <userTask id="a" name="A" ktp:candidateRole="executor" />
            <userTask id="b" name="B" ktp:candidateRole="executor" />
            <userTask id="c" name="C" ktp:candidateRole="executor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <sequenceFlow id="f2" sourceRef="a" targetRef="b" />
            <sequenceFlow id="f3" sourceRef="b" targetRef="c" />
            <sequenceFlow id="f4" sourceRef="c" targetRef="end" />
          </process>
        </definitions>
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
        var output = Array.IndexOf(args, "--output") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : "bench/results/orders-latest.json";
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Ktp") ?? throw new UsageException("ConnectionStrings__Ktp is not set.");
        return new Options(connection, Int("--engine-seconds", 5, 2), Int("--store-seconds", 20, 5), Int("--workers", 4, 2), Int("--running", 100_000, 10_000),
            Int("--query-calls", 300, 100), Int("--port", 5092, 5092), output);
    }

    private static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        AnsiConsole.MarkupLine($"[grey]load average at start: {MachineInfo.LoadAverage()}[/]");
        var engine = Engine(options.EngineSeconds);
        AnsiConsole.MarkupLine($"engine alone: [bold]{engine:N0}[/] instances/s");

        await using var app = await LoadApp.StartAsync(options.ConnectionString, options.Port, ct);
        await SetUpAsync(app, ct);
        var store = await StoreAsync(app, options, ct);
        AnsiConsole.MarkupLine($"with the store: [bold]{store.PerSecond:N1}[/] orders/s ({store.Completed} orders, {options.Workers} workers), p99 per order {store.P99Ms:N0} ms");

        await SeedRunningAsync(app, options.ConnectionString, options.Running, ct);
        var mine = await QueryAsync(app, options.QueryCalls, q => q.MyTasksAsync(ct: ct), ct);
        var dispatcher = await QueryAsync(app, options.QueryCalls, q => q.OpenTasksAsync(ct: ct), ct);
        AnsiConsole.MarkupLine($"{options.Running:N0} running instances: my tasks p50 {mine.P50:N1} ms p99 {mine.P99:N1} ms; dispatcher p50 {dispatcher.P50:N1} ms p99 {dispatcher.P99:N1} ms");

        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(new
        {
            machine = new { load = MachineInfo.LoadAverage(), cores = Environment.ProcessorCount },
            options = options with { ConnectionString = "(hidden)" },
            engineInstancesPerSecond = engine,
            store,
            queries = new { running = options.Running, myTasks = mine, dispatcher },
        }, new JsonSerializerOptions { WriteIndented = true }), ct);
        BenchConsole.Written(options.Output);
        return 0;
    }

    /// <summary>Starts an instance and completes its three tasks, in memory, as many times as fit in the time given.</summary>
    private static double Engine(int seconds)
    {
        var definition = BpmnDeployer.Deploy(Process, 1);
        var empty = ProcessVariables.None;
        var watch = Stopwatch.StartNew();
        var done = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var instance = new ProcessInstance();
            Apply(instance, ProcessDecisions.Decide(definition, instance, new StartProcess($"i{done}", empty, DateTimeOffset.UtcNow)));
            while (instance.UserTasks.Count > 0)
                Apply(instance, ProcessDecisions.Decide(definition, instance, new CompleteUserTask(instance.UserTasks[0].TaskId, empty, DateTimeOffset.UtcNow)));
            if (instance.Status != ProcessStatus.Completed) throw new InvalidOperationException("The bench process did not complete.");
            done++;
        }
        return done / watch.Elapsed.TotalSeconds;
    }

    private static void Apply(ProcessInstance instance, IReadOnlyList<object> events)
    {
        foreach (var e in events) instance.Apply(e);
    }

    private static async Task SetUpAsync(LoadApp app, CancellationToken ct)
    {
        using var scope = As(app, Privilege.OrdersConfigure);
        await scope.ServiceProvider.GetRequiredService<ProcessDefinitions>().DeployAsync(scope.ServiceProvider.GetRequiredService<CurrentSession>(), Process, ct);
        await scope.ServiceProvider.GetRequiredService<ServiceCatalogue>().SaveAsync(new CatalogueService("bench", "Bench", "bench_five_steps", [], []), ct);
    }

    public sealed record StoreResult(int Completed, double PerSecond, double P50Ms, double P99Ms);

    private static async Task<StoreResult> StoreAsync(LoadApp app, Options options, CancellationToken ct)
    {
        var latencies = new List<double>();
        var until = DateTime.UtcNow.AddSeconds(options.StoreSeconds);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(w => Task.Run(async () =>
        {
            using var scope = As(app, Privilege.OrdersManage, Privilege.OrdersWork);
            var intake = scope.ServiceProvider.GetRequiredService<OrderIntake>();
            var work = scope.ServiceProvider.GetRequiredService<OrderWork>();
            var queries = scope.ServiceProvider.GetRequiredService<OrderQueries>();
            while (DateTime.UtcNow < until)
            {
                var one = Stopwatch.StartNew();
                var placed = await intake.PlaceAsync(new NewOrder(new OrderCustomer($"Bench {w}", null, null, null), [new NewOrderService("bench")]), ct: ct);
                for (var step = 0; step < 3; step++)
                {
                    var open = (await queries.TasksOfOrderAsync(placed.OrderId, ct)).Single(t => t.Status == "open");
                    await work.CompleteTaskAsync(open.TaskId, ct: ct);
                }
                lock (latencies) latencies.Add(one.Elapsed.TotalMilliseconds);
            }
        }, ct)));
        var seconds = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        return new StoreResult(latencies.Count, latencies.Count / seconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    /// <summary>
    /// Running instances as the read model holds them: one open user task each, some assigned, due times spread. Written with
    /// SQL (through the store it would take many minutes); the queries read exactly these tables and indexes.
    /// </summary>
    private static async Task SeedRunningAsync(LoadApp app, string ownerConnection, int running, CancellationToken ct)
    {
        var db = app.Services.GetRequiredService<KtpDatabase>();
        var executor = Guid.NewGuid();
        await using var uow = await db.BeginTenantAsync(app.Tenant.TenantId, ct);
        await uow.ExecuteAsync("""
            INSERT INTO orders (order_id, number, customer_name, status, created_by, created_at, updated_at)
            SELECT md5('o' || i)::uuid, 1000000 + i, 'Customer ' || i, 'InProgress', 'bench', now() - i * interval '1 second', now() FROM generate_series(1, @running) i;
            INSERT INTO order_services (service_id, order_id, code, name, definition_key, definition_version, state, started_at)
            SELECT md5('s' || i)::uuid, md5('o' || i)::uuid, 'bench', 'Bench', 'bench_five_steps', 1, 'Running', now() FROM generate_series(1, @running) i;
            INSERT INTO process_tasks (task_id, service_id, order_id, node_id, kind, name, candidate_role, assignee_id, assignee_name, due_at, status, created_at)
            SELECT md5('s' || i) || '#1', md5('s' || i)::uuid, md5('o' || i)::uuid, 'a', 'user', 'A', 'executor',
              CASE WHEN i % 10 = 0 THEN @executor END, CASE WHEN i % 10 = 0 THEN 'Bench executor' END,
              now() + (i % 500) * interval '1 hour', 'open', now() - i * interval '1 second'
            FROM generate_series(1, @running) i;
            """, new { running, executor }, ct);
        await uow.CommitAsync(ct);
        // Statistics as autovacuum would gather them; only the owner may (the app role's ANALYZE skips the tables silently).
        await using var owner = new Npgsql.NpgsqlConnection(ownerConnection);
        await owner.OpenAsync(ct);
        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE orders; ANALYZE order_services; ANALYZE process_tasks;", owner);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    public sealed record QueryResult(double P50, double P99, int Rows);

    private static async Task<QueryResult> QueryAsync(LoadApp app, int calls, Func<OrderQueries, Task<IReadOnlyList<TaskRow>>> query, CancellationToken ct)
    {
        using var scope = As(app, Privilege.OrdersManage, Privilege.OrdersWork);
        var queries = scope.ServiceProvider.GetRequiredService<OrderQueries>();
        var rows = 0;
        for (var i = 0; i < 20; i++) rows = (await query(queries)).Count; // warm-up
        var times = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await query(queries);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new QueryResult(Percentile(times, 0.5), Percentile(times, 0.99), rows);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static IServiceScope As(LoadApp app, params string[] privileges)
    {
        var scope = app.Services.CreateScope();
        var claims = new List<Claim> { new(KtpClaims.UserId, Guid.NewGuid().ToString()), new(KtpClaims.DisplayName, "Bench"), new(ClaimTypes.Role, Role.Executor) };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(app.Tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")));
        return scope;
    }
}
