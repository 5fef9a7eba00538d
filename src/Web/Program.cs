using Ktp.Web.Cli;
using Ktp.Web.Hosting;

if (KtpCli.IsCliCommand(args)) return await KtpCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(KtpCli.WebArgs(args));
builder.AddKtp();
var app = builder.Build();
await app.MigrateOnStartAsync();
app.UseKtp();
await app.StartAsync();
await app.MoveLegacyTimersOnStartAsync();
await app.WaitForShutdownAsync();
return 0;

public partial class Program;
