using Ktp.Benchmarks;
using Spectre.Console;

// Other modes: inquiries at volume (InquiryBenchRun.cs), the app under load over HTTP (Load/LoadRun.cs), orders and processes (Orders/OrderBenchRun.cs).
if (args is ["load", .. var loadArgs]) return await Ktp.Benchmarks.Load.LoadRun.MainAsync(loadArgs);
if (args is ["orders", .. var orderArgs]) return await Ktp.Benchmarks.Orders.OrderBenchRun.MainAsync(orderArgs);
if (args is ["inquiries", .. var inquiryArgs]) return await InquiryBenchRun.MainAsync(inquiryArgs);

return await BenchConsole.RunAsync(() => BenchOptions.Parse(args), BenchOptions.Usage, async (options, ct) =>
{
    var report = await new BenchmarkRun(options).RunAsync(ct);
    AnsiConsole.Write(report.ToTable());
    await report.WriteJsonAsync(options.OutputPath);
    BenchConsole.Written(options.OutputPath);
    return 0;
});
