using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Projections;
using Ktp.Web.Hosting;

namespace Ktp.Web.Platform;

/// <summary>Running the platform: projections and their rebuilds, failed messages with replay.</summary>
public sealed class PlatformModule : IKtpModule
{
    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton<ProjectionAdmin>();
        services.AddScoped<FailedMessages>();
    }
}
