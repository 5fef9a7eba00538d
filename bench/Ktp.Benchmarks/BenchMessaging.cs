using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Ktp.Tenancy.Activity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Marten;
using Ktp.Web.Hosting;

namespace Ktp.Benchmarks;

/// <summary>
/// A generic host with Wolverine and Marten wired as the app wires them (<c>MessagingSetup.AddKtpMessaging</c> with its
/// default settings, <c>KtpServices.AddKtpEventStore</c>: Marten integrated with Wolverine, messages in schema
/// <see cref="MessageStorage.Schema"/>), as a node without workers (<c>Workers:Enabled=false</c>): units of work write
/// their messages through Wolverine's outbox, but nothing here polls for scheduled messages or handles them.
/// </summary>
public static class BenchMessaging
{
    public static async Task<IHost> StartAsync(DatabaseOptions options, EventTypeRegistry registry, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IUnitOfWorkOutboxFactory, WolverineOutboxFactory>();
        builder.Services.AddMarten(_ => BenchMarten.Options(options, registry, new TenantActivityProjection()))
            .IntegrateWithWolverine(w => w.MessageStorageSchemaName = MessageStorage.Schema);
        // As a node without workers: units of work write their messages, but nothing here polls for scheduled messages or
        // handles them (no handler may run while the seeder writes events with sequence numbers of its own).
        builder.Configuration["Workers:Enabled"] = "false";
        builder.UseWolverine(opts => MessagingSetup.Configure(opts, builder.Configuration));
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }
}
