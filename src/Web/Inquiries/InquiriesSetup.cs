using Ktp.Infrastructure.EventStore;

namespace Ktp.Web.Inquiries;

public static class InquiriesSetup
{
    public static IServiceCollection AddKtpInquiries(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<InquiryStream>();
        services.AddSingleton<IInlineProjection, InquiryProjection>();
        services.AddSingleton<SlaTimer>();
        services.AddSingleton<SlaEscalationTimer>();
        services.AddSingleton<InquiryNotifier>();
        // Every node listens, workers or not: its screens must see changes made on other nodes.
        services.AddHostedService(sp => sp.GetRequiredService<InquiryNotifier>());
        services.AddSingleton<StreamArchiver>();
        services.AddSingleton<InquiryArchiver>();
        services.AddSingleton<Infrastructure.Files.IFileStorage>(sp => new Infrastructure.Files.FileSystemStorage(
            Path.GetFullPath(config["Storage:Root"] ?? Path.Combine(sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath, ".data", "files"))));
        services.AddSingleton<Infrastructure.Files.IVirusScanner, Infrastructure.Files.NoVirusScanner>();
        services.AddScoped<Attachments>();
        services.AddScoped<RegisterContact>();
        services.AddScoped<ChildInquiries>();
        services.AddScoped<SlaMonitoring>();
        services.AddScoped<InquiryWork>();
        services.AddScoped<InquiryQueries>();
        BackOffice.BackOfficeSetup.AddKtpBackOffice(services);
        if (config.GetValue("Workers:Enabled", true)) services.AddHostedService(sp => sp.GetRequiredService<InquiryArchiver>());
        return services;
    }
}
