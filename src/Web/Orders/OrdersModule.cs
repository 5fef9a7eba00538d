using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.FakeProvisioning;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Orders;
using Ktp.Web.Hosting;
using MudBlazor;

namespace Ktp.Web.Orders;

/// <summary>Orders, services and tasks along BPMN processes: the catalogue, the process diagrams, orders, tasks and their workplaces.</summary>
public sealed class OrdersModule : IKtpModule
{
    public IEnumerable<MenuItem> Menu =>
    [
        new(MenuSection.Work, "My tasks", Icons.Material.Filled.TaskAlt, "/tasks", Privilege.OrdersWork),
        new(MenuSection.Work, "Orders", Icons.Material.Filled.Inventory2, "/orders", Privilege.OrdersManage),
        new(MenuSection.Work, "Dispatcher", Icons.Material.Filled.AssignmentInd, "/dispatcher", Privilege.OrdersManage),
        new(MenuSection.Work, "Tasks", Icons.Material.Filled.Checklist, "/orders/tasks", Privilege.OrdersManage),
        new(MenuSection.Work, "Order statistics", Icons.Material.Filled.QueryStats, "/orders/statistics", Privilege.OrdersManage),
        new(MenuSection.Administration, "Services and processes", Icons.Material.Filled.AccountTree, "/catalogue", Privilege.OrdersConfigure),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddSingleton(OrdersOptions.From(config, environment.IsDevelopment()));
        services.AddSingleton<ProcessDefinitions>();
        services.AddSingleton<OrderStream>();
        services.AddSingleton<ServiceStream>();
        services.AddSingleton<TaskStream>();
        services.AddSingleton<IInlineProjection, OrderProjection>();
        services.AddSingleton<IInlineProjection, ServiceProjection>();
        services.AddSingleton<IInlineProjection, TaskProjection>();
        services.AddSingleton<OrderNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderNotifier>());
        services.AddHttpClient(ServiceCalls.HttpClientName);
        services.AddScoped<ServiceCatalogue>();
        services.AddScoped<OrderIntake>();
        services.AddScoped<OrderWork>();
        services.AddScoped<Components.OrderActions>();
        services.AddScoped<OrderQueries>();
    }

    public void RegisterEvents(EventTypeRegistry events) => events.Register(OrderEventNames.All);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder tenantApi)
    {
        tenantApi.MapOrdersApi();
        app.MapOrderExports();
        // The demo's provisioning system; never in production unless asked for (Fakes:Provisioning).
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue("Fakes:Provisioning", false))
            app.MapFakeProvisioning(FakeProvisioningPath);
    }

    public const string FakeProvisioningPath = "/fake/provisioning";
}
