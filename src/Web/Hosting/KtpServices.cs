using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Migrations;
using Ktp.Infrastructure.Observability;
using Ktp.Infrastructure.Messaging;
using Wolverine.Marten;
using Ktp.Infrastructure.Projections;
using Ktp.Web.Api;
using Ktp.Web.Health;
using Ktp.Web.Seed;
using Marten;
using MudBlazor;
using MudBlazor.Services;

namespace Ktp.Web.Hosting;

/// <summary>The composition root: one call per concern.</summary>
public static class KtpServices
{
    public const string ServiceName = "ktp-web";

    public static WebApplicationBuilder AddKtp(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Logging.AddKtpLogging(config, ServiceName);
        builder.Services.AddKtpTelemetry(config, ServiceName);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PublicUrl>();
        builder.Services.AddSingleton(DatabaseOptions.FromConfiguration(config));
        builder.Services.AddSingleton<KtpDatabase>();
        builder.Services.AddSingleton<Migrator>();
        builder.AddKtpMessaging();
        builder.Services.AddKtpEventStore(config);
        builder.Services.AddKtpWorkers(config);
        foreach (var module in KtpModules.All) module.AddServices(builder.Services, config, builder.Environment);
        builder.Services.AddKtpHealth();
        builder.Services.AddKtpOpenApi();
        builder.Services.AddScoped<DemoSeeder>();

        builder.Services.AddLocalization();
        builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, ModuleTexts>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        builder.Services.AddTransient<MudLocalizer, Components.Theme.MudTexts>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        // Unreadable request bodies are thrown, so ErrorAnswers can say where the JSON broke.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ErrorAnswers>();
        builder.Services.AddKtpBackPressure(config);
        builder.Services.AddKtpHostFiltering(builder.Environment);
        // Cyrillic stays readable in the HTML instead of numeric entities.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>
    /// Marten's store connects as the system role: its async daemon must see every tenant's events. Requests
    /// never use that connection: their sessions ride on the unit of work's app-role transaction (MartenSessions).
    /// </summary>
    private static IServiceCollection AddKtpEventStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => KtpModules.EventTypes());
        var marten = services.AddMarten(sp =>
        {
            var opts = new StoreOptions();
            MartenEventStore.ConfigureSchema(opts, sp.GetRequiredService<DatabaseOptions>().BuildSystemConnectionString());
            sp.GetRequiredService<EventTypeRegistry>().ConfigureMarten(opts);
            AsyncProjections.Configure(opts, sp.GetServices<IAsyncProjection>());
            // Marten's spans (connection use, appends, projections) join the request's trace.
            opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
            return opts;
        }).IntegrateWithWolverine(w => w.MessageStorageSchemaName = MessageStorage.Schema);
        if (config.GetValue("Workers:Enabled", true))
        {
            marten.AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold);
            services.AddHostedService<ProjectionLagMonitor>();
        }
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventStreamReader>();
        return services;
    }

    private static IServiceCollection AddKtpWorkers(this IServiceCollection services, IConfiguration config)
    {
        if (config.GetValue("Workers:Enabled", true)) services.AddHostedService<MessageBacklogMonitor>();
        var smtpHost = config["Mail:Smtp:Host"];
        if (string.IsNullOrWhiteSpace(smtpHost))
            services.AddSingleton<IEmailTransport, DevMailboxTransport>();
        else
            services.AddSingleton<IEmailTransport>(new SmtpTransport(new SmtpOptions
            {
                Host = smtpHost,
                Port = config.GetValue("Mail:Smtp:Port", 587),
                User = config["Mail:Smtp:User"],
                Password = config["Mail:Smtp:Password"],
                EnableSsl = config.GetValue("Mail:Smtp:EnableSsl", true),
                From = config["Mail:From"] ?? "noreply@ktp.local",
            }));
        return services;
    }

    /// <summary>After start-up (the messages need Wolverine running): the earlier outbox's pending timers become scheduled messages.</summary>
    public static async Task MoveLegacyTimersOnStartAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStart", true)) return;
        await LegacyTimers.MoveAsync(app.Services);
    }

    /// <summary>Every node migrates at start-up (under the migrator's advisory lock) unless told not to.</summary>
    public static async Task MigrateOnStartAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStart", true)) return;
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    }
}
