using Ktp.Infrastructure.Events;

namespace Ktp.Web.Hosting;

/// <summary>
/// A module's one registration class: its services (handlers, projections, adapters), its events with
/// their stored names, its endpoints and its menu items. Its UI texts sit beside it (<c>XModule.ru.resx</c>). Adding a
/// module is its folders plus one line in <see cref="KtpModules"/>.
/// </summary>
public interface IKtpModule
{
    void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment);

    void RegisterEvents(EventTypeRegistry events) { }

    /// <summary>The module's items of the side menu (texts are English keys of its resx).</summary>
    IEnumerable<MenuItem> Menu => [];

    /// <summary><paramref name="tenantApi"/> is <c>/t/{slug}/api/v1</c>: authenticated, with the API's error handling.</summary>
    void MapEndpoints(WebApplication app, RouteGroupBuilder tenantApi) { }
}
