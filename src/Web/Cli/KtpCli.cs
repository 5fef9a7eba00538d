using System.CommandLine;
using Ktp.Infrastructure.Migrations;
using Ktp.Infrastructure.Projections;
using Ktp.Web.Hosting;
using Ktp.Web.Seed;
using Spectre.Console;
using Wolverine.Runtime;

namespace Ktp.Web.Cli;

/// <summary><c>ktp migrate | seed | rebuild NAME | projections</c>; anything else starts the web server.</summary>
public static class KtpCli
{
    private static readonly string[] Commands = ["migrate", "seed", "rebuild", "projections"];

    public static bool IsCliCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static string[] WebArgs(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("KTP command line");

        var migrate = new Command("migrate", "Apply database migrations (under an advisory lock).");
        migrate.SetAction(async (_, ct) =>
        {
            await using var app = BuildApp();
            var migrator = app.Services.GetRequiredService<Migrator>();
            List<MigrationScript> applied = [];
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var upgrade = progress.AddTask("Schema and event store", maxValue: 1);
                migrator.UpgradeProgress = new Progress<(long Done, long Total)>(p => { upgrade.MaxValue = Math.Max(1, p.Total); upgrade.Value = p.Done; });
                applied = [.. await migrator.MigrateAsync(ct: ct)];
                upgrade.Value = upgrade.MaxValue;
            });
            var timers = await WithMessagingAsync(app, () => LegacyTimers.MoveAsync(app.Services, ct), ct);
            if (timers > 0) AnsiConsole.MarkupLine($"[green]Moved {timers} pending timer(s) of the earlier outbox into scheduled messages.[/]");
            AnsiConsole.MarkupLine(applied.Count == 0 ? "[green]Schema is current.[/]" : $"[green]Applied {applied.Count} migration(s).[/]");
            return 0;
        });

        var seed = new Command("seed", "Create the demo tenant and the platform admin (idempotent); print the logins.");
        seed.SetAction(async (_, ct) =>
        {
            await using var app = BuildApp();
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct: ct);
            var logins = await WithMessagingAsync(app, async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            }, ct);
            var table = new Table().AddColumns("Workspace (sign in at)", "Role", "Email", "Password");
            foreach (var l in logins) table.AddRow($"/t/{l.Workspace}/login", l.Role, l.Email, l.Password);
            AnsiConsole.Write(table);
            return 0;
        });

        var name = new Argument<string>("projection") { Description = "Projection name (see 'ktp projections')." };
        var rebuild = new Command("rebuild", "Rebuild a projection from the first event, with progress.") { name };
        rebuild.SetAction(async (parse, ct) => await RebuildAsync(parse.GetValue(name)!, ct));

        var projections = new Command("projections", "Show how far each async projection is.");
        projections.SetAction(async (_, ct) =>
        {
            await using var app = BuildApp();
            var table = new Table().AddColumns("Projection", "Position", "Newest event", "Behind");
            foreach (var s in await app.Services.GetRequiredService<ProjectionAdmin>().StatusAsync(ct))
                table.AddRow(s.Name, s.Position.ToString("N0"), s.HighWaterMark.ToString("N0"), s.Lag.ToString("N0"));
            AnsiConsole.Write(table);
            return 0;
        });

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(rebuild);
        root.Subcommands.Add(projections);
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Rebuilds here with Marten's daemon (the table is emptied, then every event replayed), with a progress bar.</summary>
    private static async Task<int> RebuildAsync(string projectionName, CancellationToken ct)
    {
        await using var app = BuildApp();
        var admin = app.Services.GetRequiredService<ProjectionAdmin>();
        if (!admin.Names.Contains(projectionName))
        {
            AnsiConsole.MarkupLine($"[red]Unknown projection '{Markup.Escape(projectionName)}'.[/] Known: {string.Join(", ", admin.Names)}");
            return 2;
        }
        var rebuild = admin.RebuildAsync(projectionName, ct);
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Rebuilding {projectionName}");
            while (!rebuild.IsCompleted)
            {
                var status = (await admin.StatusAsync(ct)).Single(s => s.Name == projectionName);
                task.MaxValue = Math.Max(1, status.HighWaterMark);
                task.Value = Math.Min(task.MaxValue, status.Position);
                await Task.WhenAny(rebuild, Task.Delay(200, ct));
            }
            task.Value = task.MaxValue;
        });
        await rebuild;
        AnsiConsole.MarkupLine("[green]Rebuilt.[/]");
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with Wolverine started (messages it writes need its routing), without the
    /// web server or the other workers; what it sends is left in the database for the nodes to handle.
    /// </summary>
    private static async Task<T> WithMessagingAsync<T>(WebApplication app, Func<Task<T>> work, CancellationToken ct)
    {
        var runtime = (IHostedService)app.Services.GetRequiredService<IWolverineRuntime>();
        await runtime.StartAsync(ct);
        try { return await work(); }
        finally { await runtime.StopAsync(CancellationToken.None); }
    }

    private static WebApplication BuildApp()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration["Logging:MinimumLevel"] ??= "Warning";
        builder.Configuration["Workers:Enabled"] = "false";
        builder.AddKtp();
        return builder.Build();
    }
}
