using Ktp.Domain.Access;
using MudBlazor;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Web.Hosting;

namespace Ktp.Web.Projects;

/// <summary>Project configuration: the handlers of the configuration pages and the reader the inquiry runtime uses.</summary>
public sealed class ProjectsModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Administration, "Projects", Icons.Material.Filled.FolderSpecial, "/projects", Privilege.ProjectsConfigure),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<ProjectConfigStore>();
        services.AddSingleton<IProjectConfiguration>(sp => sp.GetRequiredService<ProjectConfigStore>());
        services.AddScoped<ProjectAdmin>();
        services.AddScoped<TopicConfigAdmin>();
        services.AddScoped<RouteAdmin>();
        services.AddScoped<SlaAdmin>();
        services.AddScoped<ProjectSettingsAdmin>();
    }
}
