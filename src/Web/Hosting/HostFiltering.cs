using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HostFiltering;

namespace Ktp.Web.Hosting;

/// <summary>
/// Outside Development, an <c>AllowedHosts</c> left at "*" becomes the host of <c>App:PublicUrl</c> plus this node's
/// own names and addresses (the load balancer's health checks and the container's own check use those), so a request
/// with a forged Host header is refused with 400 before any page or link is built from it.
/// </summary>
public static class HostFiltering
{
    public static IServiceCollection AddKtpHostFiltering(this IServiceCollection services, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) return services;
        services.AddOptions<HostFilteringOptions>().PostConfigure<PublicUrl>((options, publicUrl) =>
        {
            if (options.AllowedHosts.Count > 0 && !options.AllowedHosts.Contains("*")) return; // configured explicitly
            options.AllowedHosts = [new Uri(publicUrl.Base).Host, .. OwnNames()];
        });
        return services;
    }

    private static IEnumerable<string> OwnNames()
    {
        var name = Dns.GetHostName();
        IPAddress[] addresses;
        try { addresses = Dns.GetHostAddresses(name); }
        catch (SocketException) { addresses = []; }
        return new[] { "localhost", "127.0.0.1", "[::1]", name }
            .Concat(addresses.Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString()))
            .Distinct();
    }
}
