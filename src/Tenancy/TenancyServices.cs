using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;
using Ktp.Tenancy.Activity;
using Ktp.Tenancy.Platform;
using Ktp.Tenancy.SignUp;
using Ktp.Tenancy.Tenants;
using Ktp.Tenancy.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Tenancy;

public static class TenancyServices
{
    public static IServiceCollection AddKtpTenancy(this IServiceCollection services)
    {
        services.AddSingleton<TenantDirectory>();
        services.AddScoped<CurrentSession>();
        services.AddScoped<SignUpTenantHandler>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<RolePrivilegesAdmin>();
        services.AddScoped<PlatformTenants>();
        services.AddScoped<Settings.OutboxMessages>();
        services.AddScoped<ApiKeys.ApiKeyAdmin>();
        services.AddSingleton<ApiKeys.ApiKeyVerifier>();
        services.AddSingleton<IAsyncProjection, TenantActivityProjection>();
        return services;
    }

    public static EventTypeRegistry RegisterTenancyEvents(this EventTypeRegistry registry) => registry
        .Register<TenantSignedUp>("tenant.signed_up")
        .Register<TenantUserCreated>("tenant.user_created")
        .Register<TenantUserChanged>("tenant.user_changed")
        .Register<RolePrivilegesChanged>("tenant.role_privileges_changed");
}
