using JasperFx.CodeGeneration;
using Ktp.Infrastructure.Messaging;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Ktp.Web.Hosting;

/// <summary>
/// Wolverine: durable local queues in PostgreSQL (the outbox of our units of work, scheduled messages for
/// every timer), retries with backoff, then dead letters that a tenant admin sees and replays.
/// </summary>
public static class MessagingSetup
{
    public static WebApplicationBuilder AddKtpMessaging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddSingleton<IUnitOfWorkOutboxFactory, WolverineOutboxFactory>();
        builder.Host.UseWolverine(opts => Configure(opts, config));
        return builder;
    }

    /// <summary>Wolverine as every process of the app runs it (nodes, the command line, the benchmark).</summary>
    public static void Configure(WolverineOptions opts, IConfiguration config)
    {
        opts.ServiceName = "ktp";
        MessageStorage.ConfigureDurability(opts.Durability);
        // Timers fire within a second of their time.
        opts.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(config.GetValue("Messaging:PollMilliseconds", 250));
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(200);
        opts.Durability.Mode = config.GetValue("Messaging:Mode", DurabilityMode.Balanced);
        // A node without workers serves screens only: it leaves scheduled and recovered messages to the others.
        opts.Durability.DurabilityAgentEnabled = config.GetValue("Workers:Enabled", true);
        opts.Policies.UseDurableLocalQueues();
        opts.Policies.OnAnyException().ScheduleRetry(RetryDelays(config)).Then.MoveToErrorQueue();
        // Named, not guessed: under a test host the entry assembly is the test runner.
        opts.ApplicationAssembly = typeof(MessagingSetup).Assembly;
        opts.Discovery.IncludeAssembly(typeof(Ktp.Infrastructure.Database.KtpDatabase).Assembly);
        opts.Discovery.IncludeAssembly(typeof(Ktp.Tenancy.Tenants.TenantSignedUp).Assembly);
        opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
    }

    /// <summary>Backoff between attempts (seconds, comma-separated); after the last, the message is a dead letter.</summary>
    private static TimeSpan[] RetryDelays(IConfiguration config) =>
        (config["Messaging:RetrySeconds"] ?? "5,30,120,600").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => TimeSpan.FromSeconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
}
