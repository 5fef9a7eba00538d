using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;
using Ktp.Tenancy.Activity;
using Ktp.Tenancy.Billing;
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
        services.AddScoped<Settings.FailedMessages>();
        services.AddScoped<ApiKeys.ApiKeyAdmin>();
        services.AddSingleton<ApiKeys.ApiKeyVerifier>();
        services.AddSingleton<IAsyncProjection, TenantActivityProjection>();
        services.AddKtpBilling();
        return services;
    }

    private static void AddKtpBilling(this IServiceCollection services)
    {
        services.AddSingleton<AccountStream>();
        services.AddSingleton<IInlineProjection, AccountProjection>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<OpenTrialAccount>();
        services.AddSingleton<RateDay>();
        services.AddSingleton<PaymentWebhook>();
        services.AddSingleton<UsageMeter>();
        services.AddSingleton<BillingScheduler>();
        services.AddScoped<StartTopUp>();
        services.AddScoped<BillingQueries>();
        services.AddScoped<PlatformBilling>();
        services.AddScoped<PlatformPlans>();
    }

    public static EventTypeRegistry RegisterTenancyEvents(this EventTypeRegistry registry) => AccountStream.Register(registry)
        .Register<TenantSignedUp>("tenant.signed_up")
        .Register<TenantUserCreated>("tenant.user_created")
        .Register<TenantUserChanged>("tenant.user_changed")
        .Register<RolePrivilegesChanged>("tenant.role_privileges_changed");
}
