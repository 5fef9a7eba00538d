using Ktp.Domain.Access;
using MudBlazor;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Projections;
using Ktp.Web.Hosting;

namespace Ktp.Web.Platform;

/// <summary>Running the platform: projections and their rebuilds, failed messages with replay.</summary>
public sealed class PlatformModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Administration, "Failed messages", Icons.Material.Filled.Outbox, "/admin/outbox", Privilege.SettingsManage),
        new(MenuSection.Platform, "Projections", Icons.Material.Filled.Sync, "/platform/projections", Privilege.PlatformAdmin),
        new(MenuSection.Administration, "Dev mailbox", Icons.Material.Filled.Mail, "/dev/mailbox", Privilege.UsersManage, DevelopmentOnly: true),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<ProjectionAdmin>();
        services.AddScoped<FailedMessages>();
    }
}
