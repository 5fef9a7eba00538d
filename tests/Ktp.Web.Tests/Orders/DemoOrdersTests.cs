using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>The demo workspace's orders are real: placed and worked through the handlers, in the states the catalogue's processes lead to.</summary>
public sealed class DemoOrdersTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task The_demo_has_a_catalogue_of_three_services_and_orders_in_progress_waiting_done_and_cancelled()
    {
        var kit = await new OrderTestKit(app).UseDemoAsync();
        using var manager = kit.As("Мария Смирнова", Privilege.OrdersManage, Privilege.OrdersConfigure);
        (await manager.ServiceProvider.GetRequiredService<ServiceCatalogue>().ListAsync()).Select(s => s.Code).Order().ToArray()
            .ShouldBe(["equipment", "internet", "porting"]);
        var queries = manager.ServiceProvider.GetRequiredService<OrderQueries>();
        var orders = await queries.OrdersAsync(null, null);
        orders.Select(o => o.ExternalId).ShouldBeSubsetOf(["CRM-5001", "CRM-5002", "CRM-5003", "CRM-5004", "CRM-5005"]);
        var status = orders.ToDictionary(o => o.ExternalId!, o => o.Status);
        status["CRM-5001"].ShouldBe(nameof(OrderStatus.InProgress));
        status["CRM-5003"].ShouldBe(nameof(OrderStatus.WaitingForResources), "it waits for the donor operator's message");
        status["CRM-5004"].ShouldBe(nameof(OrderStatus.Done));
        status["CRM-5005"].ShouldBe(nameof(OrderStatus.Cancelled));

        var first = orders.Single(o => o.ExternalId == "CRM-5001");
        (await queries.TasksOfOrderAsync(first.OrderId)).Where(t => t.Status == "open").Select(t => t.NodeId).Order().ToArray()
            .ShouldBe(["cable", "router", "survey"], "120 m to the node and no router of their own: all three field tasks");
        var cancelled = orders.Single(o => o.ExternalId == "CRM-5005");
        (await queries.TasksOfOrderAsync(cancelled.OrderId)).ShouldAllBe(t => t.Status == "withdrawn");

        // The porting order goes on when the donor's message arrives with the order's number as key.
        var porting = orders.Single(o => o.ExternalId == "CRM-5003");
        var work = manager.ServiceProvider.GetRequiredService<OrderWork>();
        await Should.ThrowAsync<Ktp.Domain.Processes.ProcessItemNotFoundException>(() => work.DeliverMessageAsync(porting.OrderId, "number_released", "999", null));
        (await work.DeliverMessageAsync(porting.OrderId, "number_released", porting.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, JsonElement> { ["releasedAt"] = JsonSerializer.SerializeToElement("2026-12-03") })).ShouldBe(1);
        (await queries.TasksOfOrderAsync(porting.OrderId)).ShouldContain(t => t.NodeId == "switch" && t.Status == "open");
        (await queries.OrderAsync(porting.OrderId))!.Status.ShouldBe(nameof(OrderStatus.InProgress));
    }
}
