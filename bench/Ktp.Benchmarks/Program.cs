using Ktp.Benchmarks;
using Spectre.Console;

// Second mode: inquiries at volume (InquiryBenchRun.cs).
if (args is ["inquiries", .. var inquiryArgs]) return await InquiryBenchRun.MainAsync(inquiryArgs);

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message.Length > 0) AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
    Console.WriteLine(BenchOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

// Logs and CI get a table wide enough to read rather than the 80-column default.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 170;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    var report = await new BenchmarkRun(options).RunAsync(cancel.Token);
    AnsiConsole.Write(report.ToTable());
    await report.WriteJsonAsync(options.OutputPath);
    AnsiConsole.MarkupLine($"[grey]Results written to[/] {Markup.Escape(options.OutputPath)}");
    return 0;
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
