using Ktp.Infrastructure.Events;
using Ktp.Web.Billing;
using Ktp.Web.Identity;
using Ktp.Web.Inquiries;
using Ktp.Web.Orders;
using Ktp.Web.Platform;
using Ktp.Web.Projects;
using Ktp.Web.Tenants;

namespace Ktp.Web.Hosting;

/// <summary>The product's modules, in the order their services are registered.</summary>
public static class KtpModules
{
    public static readonly IReadOnlyList<IKtpModule> All =
    [
        new TenancyModule(),
        new IdentityModule(),
        new PlatformModule(),
        new BillingModule(),
        new ProjectsModule(),
        new InquiriesModule(),
        new OrdersModule(),
    ];

    /// <summary>Every module's events with their stored names (the host and the benchmarks share it).</summary>
    public static EventTypeRegistry EventTypes()
    {
        var registry = new EventTypeRegistry();
        foreach (var module in All) module.RegisterEvents(registry);
        return registry;
    }
}
