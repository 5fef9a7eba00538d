using Spectre.Console;

namespace Ktp.Benchmarks;

/// <summary>The console shell of a benchmark mode: parse (usage on error), Ctrl+C cancels, exceptions print, exit codes.</summary>
public static class BenchConsole
{
    public static async Task<int> RunAsync<TOptions>(Func<TOptions> parse, string usage, Func<TOptions, CancellationToken, Task<int>> run)
    {
        TOptions options;
        try
        {
            options = parse();
        }
        catch (UsageException e)
        {
            if (e.Message.Length > 0) AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            Console.WriteLine(usage);
            return e.Message.Length > 0 ? 2 : 0;
        }

        // Logs and CI get a table wide enough to read rather than the 80-column default.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 170;

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            return await run(options, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (Exception e)
        {
            AnsiConsole.WriteException(e, ExceptionFormats.ShortenPaths);
            return 1;
        }
    }

    public static void Written(string path) => AnsiConsole.MarkupLine($"[grey]Results written to[/] {Markup.Escape(path)}");
}
