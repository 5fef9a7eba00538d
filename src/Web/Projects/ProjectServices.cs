using Ktp.Tenancy.Tenants;

namespace Ktp.Web.Projects;

public static class ProjectServices
{
    /// <summary>Project configuration: the handlers of the configuration pages and the reader the inquiry runtime uses.</summary>
    public static IServiceCollection AddKtpProjects(this IServiceCollection services)
    {
        services.AddSingleton<ProjectConfigStore>();
        services.AddScoped<ProjectAdmin>();
        services.AddScoped<TopicConfigAdmin>();
        services.AddScoped<RouteAdmin>();
        services.AddScoped<SlaAdmin>();
        services.AddScoped<ProjectSettingsAdmin>();
        return services;
    }

    /// <summary>Who saved a version, as history lists show it.</summary>
    public static string SavedByName(this CurrentSession session) => session.UserName ?? session.UserId?.ToString() ?? "system";
}
