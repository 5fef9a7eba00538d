using Ktp.Domain.Access;
using MudBlazor;
using Ktp.Domain.Identity;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Web.Hosting;
using Ktp.Web.Identity.Contracts;

namespace Ktp.Web.Identity;

/// <summary>Users, roles and privileges, sign-in, API keys.</summary>
public sealed class IdentityModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Administration, "Users", Icons.Material.Filled.Group, "/admin/users", Privilege.UsersManage),
        new(MenuSection.Administration, "Roles and privileges", Icons.Material.Filled.AdminPanelSettings, "/admin/roles", Privilege.RolesManage),
        new(MenuSection.Administration, "API keys", Icons.Material.Filled.Key, "/admin/api-keys", Privilege.SettingsManage),
        new(MenuSection.Administration, "API clients (OAuth)", Icons.Material.Filled.Hub, "/admin/api-clients", Privilege.SettingsManage),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddKtpAuthentication(config, environment);
        services.AddScoped<ITenantPeopleSetup, TenantPeopleSetup>();
        services.AddSingleton<IPeopleDirectory, PeopleDirectory>();
        services.AddScoped<IUserSignIn, UserSignIn>();
        services.AddScoped<DecoyPasswordCheck>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<UserInvitations>();
        services.AddScoped<RolePrivilegesAdmin>();
        services.AddScoped<ApiKeyAdmin>();
        services.AddSingleton<ApiKeyVerifier>();
    }

    public void RegisterEvents(EventTypeRegistry events) => events.Register(IdentityEventNames.All);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder tenantApi)
    {
        app.MapAccountEndpoints();
        tenantApi.MapUsersApi();
    }
}
