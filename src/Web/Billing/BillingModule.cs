using Ktp.Domain.Access;
using MudBlazor;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Billing.Contracts;
using Ktp.Infrastructure.Events;
using Ktp.Web.Hosting;

namespace Ktp.Web.Billing;

/// <summary>The tenant's prepaid account with the platform: plans, daily rating, top-ups through Stripe, statements.</summary>
public sealed class BillingModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Administration, "Billing", Icons.Material.Filled.AccountBalanceWallet, "/billing", Privilege.BillingView),
        new(MenuSection.Platform, "Tenants", Icons.Material.Filled.Domain, "/platform/tenants", Privilege.PlatformAdmin),
        new(MenuSection.Platform, "Revenue", Icons.Material.Filled.QueryStats, "/platform/revenue", Privilege.PlatformAdmin),
        new(MenuSection.Platform, "Plans", Icons.Material.Filled.Sell, "/platform/plans", Privilege.PlatformAdmin),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<AccountStream>();
        services.AddSingleton<IInlineProjection, AccountProjection>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<IAccountOpening, OpenTrialAccount>();
        services.AddSingleton<RateDay>();
        services.AddSingleton<PaymentWebhook>();
        services.AddSingleton<UsageMeter>();
        services.AddSingleton<IUsageMeter>(sp => sp.GetRequiredService<UsageMeter>());
        services.AddSingleton<BillingScheduler>();
        services.AddScoped<StartTopUp>();
        services.AddScoped<BillingQueries>();
        services.AddScoped<PlatformBilling>();
        services.AddScoped<PlatformPlans>();
        services.AddKtpPayments(config, environment);
        if (config.GetValue("Workers:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<BillingScheduler>());
            services.AddHostedService(sp => sp.GetRequiredService<UsageMeter>());
        }
    }

    public void RegisterEvents(EventTypeRegistry events) => events.Register(AccountEventNames.All);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder tenantApi)
    {
        app.MapKtpPayments();
        app.MapBillingDocuments();
    }
}
