using Ktp.Domain.Access;
using MudBlazor;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Files;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Ktp.Web.Hosting;

namespace Ktp.Web.Inquiries;

/// <summary>Inquiries: registration, routing and work, SLA, the back office, archiving, attachments.</summary>
public sealed class InquiriesModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Work, "Workplace", Icons.Material.Filled.SupportAgent, "/work", Privilege.InquiriesWork),
        new(MenuSection.Work, "Monitoring", Icons.Material.Filled.MonitorHeart, "/monitoring", Privilege.ProjectsMonitor),
        new(MenuSection.Work, "Back office", Icons.Material.Filled.ManageSearch, "/backoffice", Privilege.InquiriesWork),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<InquiryStream>();
        services.AddSingleton<IInlineProjection, InquiryProjection>();
        services.AddSingleton<SlaNotices>();
        services.AddSingleton<SlaTimer>();
        services.AddSingleton<SlaEscalationTimer>();
        services.AddSingleton<InquiryNotifier>();
        // Every node listens, workers or not: its screens must see changes made on other nodes.
        services.AddHostedService(sp => sp.GetRequiredService<InquiryNotifier>());
        services.AddSingleton<StreamArchiver>();
        services.AddSingleton<InquiryArchiver>();
        services.AddSingleton<IFileStorage>(_ => new FileSystemStorage(
            Path.GetFullPath(config["Storage:Root"] ?? Path.Combine(environment.ContentRootPath, ".data", "files"))));
        services.AddSingleton<IVirusScanner, NoVirusScanner>();
        services.AddScoped<Attachments>();
        services.AddScoped<RegisterContact>();
        services.AddScoped<ChildInquiries>();
        services.AddScoped<SlaMonitoring>();
        services.AddScoped<InquiryWork>();
        services.AddScoped<InquiryQueries>();
        AddBackOffice(services);
        if (config.GetValue("Workers:Enabled", true)) services.AddHostedService(sp => sp.GetRequiredService<InquiryArchiver>());
    }

    /// <summary>The back office list, group operations, system problems, saved filters and the customer card.</summary>
    private static void AddBackOffice(IServiceCollection services)
    {
        services.AddSingleton<IInlineProjection, ProblemLinkProjection>();
        services.AddSingleton<IInlineProjection, AttributeIndexProjection>();
        services.AddSingleton<IInlineProjection, RepeatInquiryProjection>();
        services.AddScoped<InquirySearch>();
        services.AddScoped<InquiryItemRunner>();
        services.AddScoped<BackOfficeOperations>();
        services.AddScoped<SystemProblems>();
        services.AddScoped<SavedFilters>();
        services.AddScoped<BackOfficeColumns>();
        services.AddScoped<CustomerCard>();
    }

    public void RegisterEvents(EventTypeRegistry events) => events.Register(InquiryEventNames.All);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder tenantApi)
    {
        tenantApi.MapInquiriesApi();
        app.MapAttachmentDownloads();
    }
}
