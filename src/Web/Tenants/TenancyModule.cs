using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projections;
using Ktp.Infrastructure.Sessions;
using Ktp.Tenancy.Activity;
using Ktp.Tenancy.SignUp;
using Ktp.Tenancy.Tenants;
using Ktp.Web.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ktp.Web.Tenants;

/// <summary>Tenants: sign-up, resolution by path, the current session, the tenants' activity.</summary>
public sealed class TenancyModule : IKtpModule
{
    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<TenantDirectory>();
        services.AddScoped<CurrentSession>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddScoped<SignUpTenantHandler>();
        services.AddSingleton<IAsyncProjection, TenantActivityProjection>();
    }

    public void RegisterEvents(EventTypeRegistry events) => events.Register(TenantEventNames.All);
}
