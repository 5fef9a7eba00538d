using Ktp.Benchmarks;
using Spectre.Console;

// Second mode: inquiries at volume (InquiryBenchRun.cs).
if (args is ["inquiries", .. var inquiryArgs]) return await InquiryBenchRun.MainAsync(inquiryArgs);

return await BenchConsole.RunAsync(() => BenchOptions.Parse(args), BenchOptions.Usage, async (options, ct) =>
{
    var report = await new BenchmarkRun(options).RunAsync(ct);
    AnsiConsole.Write(report.ToTable());
    await report.WriteJsonAsync(options.OutputPath);
    BenchConsole.Written(options.OutputPath);
    return 0;
});
