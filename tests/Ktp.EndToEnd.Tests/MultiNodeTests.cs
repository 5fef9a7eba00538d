using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>Two <c>ktp serve</c> processes on one database: work is shared, never done twice, and screens stay live across nodes.</summary>
[Collection(HeavyTests.Name)]
public sealed class MultiNodeTests(TwoNodes cluster, BrowserFixture browser) : IClassFixture<TwoNodes>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Deadlines_scheduled_through_either_node_fire_once_and_never_early()
    {
        var tenant = await DemoWork.DemoTenantAsync(cluster.OwnerConnectionString);
        await DemoWork.WaitForMessagingAgentAsync(cluster.OwnerConnectionString);
        await DemoWork.UseSlaOfSecondsAsync(cluster.OwnerConnectionString, tenant, seconds: 4);
        string key;
        await using (var client = await DemoWork.InProcessClient.StartAsync(cluster.OwnerConnectionString))
            key = await client.CreateApiKeyAsync();

        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++) ids.Add(await DemoWork.RegisterThroughApiAsync(cluster.NodeUrls[i % 2], key, "Срок " + i));

        await using var owner = new NpgsqlConnection(cluster.OwnerConnectionString);
        await DemoWork.WaitForAsync(async () => await owner.ExecuteScalarAsync<long>(
            "SELECT count(DISTINCT stream_id) FROM es.mt_events WHERE type = 'inquiry.sla_breached' AND stream_id = ANY(@ids)", new { ids }) == ids.Count ? "all" : null,
            TimeSpan.FromSeconds(30), "every deadline to fire");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var breaches = (await owner.QueryAsync<(Guid Stream, double Late)>("""
            SELECT stream_id, extract(epoch FROM (data->>'breachedAt')::timestamptz - (data->>'dueAt')::timestamptz)::float8
            FROM es.mt_events WHERE type = 'inquiry.sla_breached' AND stream_id = ANY(@ids)
            """, new { ids })).ToList();
        breaches.Count.ShouldBe(ids.Count, "each deadline fires on one node only");
        // Timing is MessagingTests' (one node, within a second). Across nodes Wolverine's leader may move the
        // scheduled-message agent from one node to the other, and deadlines due meanwhile wait for it: seconds late, not lost.
        breaches.ShouldAllBe(b => b.Late >= 0, "no deadline fires early");
    }

    [Fact]
    public async Task Each_async_projection_runs_on_one_node_and_catches_up_with_inquiries_registered_through_both()
    {
        await using (var client = await DemoWork.InProcessClient.StartAsync(cluster.OwnerConnectionString))
            for (var i = 0; i < 10; i++) await client.RegisterInquiryAsync(await DemoWork.DemoTenantAsync(cluster.OwnerConnectionString), "Узел " + i);

        await using var owner = new NpgsqlConnection(cluster.OwnerConnectionString);
        await DemoWork.WaitForAsync(async () =>
        {
            var (events, counted) = await owner.QuerySingleAsync<(long, long)>("""
                SELECT (SELECT count(*) FROM es.mt_events), (SELECT coalesce(sum(events_count), 0) FROM tenant_activity)
                """);
            return events == counted ? "caught up" : null;
        }, TimeSpan.FromSeconds(30), "tenant activity to count every event once");
        // Timers may append meanwhile (the projection then lags by a moment), but a projection run on both nodes
        // would count some events twice: the count must never pass the number of events.
        for (var i = 0; i < 10; i++)
        {
            (await owner.ExecuteScalarAsync<long>("SELECT (SELECT sum(events_count) FROM tenant_activity) - (SELECT count(*) FROM es.mt_events)"))
                .ShouldBeLessThanOrEqualTo(0, "a projection run on both nodes would count events twice");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task A_queue_change_made_through_one_node_reaches_an_operators_page_on_the_other()
    {
        string key;
        await using (var client = await DemoWork.InProcessClient.StartAsync(cluster.OwnerConnectionString))
            key = await client.CreateApiKeyAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = cluster.NodeUrls[1] });
        await Pages.SignInAsync(page, "demo", "operator@demo.ktp", "Demo-Password-1");
        await page.GotoAsync("/t/demo/work");
        await Pages.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=queues]").WaitForAsync();

        var id = await DemoWork.RegisterThroughApiAsync(cluster.NodeUrls[0], key, "Из другого узла");

        await using var owner = new NpgsqlConnection(cluster.OwnerConnectionString);
        var queue = await owner.ExecuteScalarAsync<string>("SELECT queue_code FROM inquiries WHERE inquiry_id = @id", new { id });
        var waiting = await owner.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inquiries WHERE project_id = @DemoProject AND queue_code = @queue AND status = 'Waiting'", new { DemoWork.DemoProject, queue });
        await Assertions.Expect(page.Locator($"[data-testid=queue-{queue}]")).ToContainTextAsync($": {waiting}",
            new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_order_task_completed_through_one_node_leaves_the_dispatcher_page_on_the_other_and_its_timer_fires_once()
    {
        string key;
        await using (var client = await DemoWork.InProcessClient.StartAsync(cluster.OwnerConnectionString))
        {
            key = await client.CreateApiKeyAsync(Privilege.OrdersManage, Privilege.OrdersWork);
            using var admin = await client.AsAsync([Privilege.OrdersConfigure]);
            await admin.ServiceProvider.GetRequiredService<ProcessDefinitions>().DeployAsync(admin.ServiceProvider.GetRequiredService<CurrentSession>(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://ktp.dev/e2e">
                  <process id="call_then_wait" name="Call, then wait" isExecutable="true">
                    <startEvent id="start" /><userTask id="call" name="Позвонить клиенту" />
                    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration xsi:type="tFormalExpression">PT2S</timeDuration></timerEventDefinition></intermediateCatchEvent>
                    <endEvent id="end" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="call" /><sequenceFlow id="f2" sourceRef="call" targetRef="wait" />
                    <sequenceFlow id="f3" sourceRef="wait" targetRef="end" />
                  </process>
                </definitions>
                """, default);
            await admin.ServiceProvider.GetRequiredService<ServiceCatalogue>().SaveAsync(new CatalogueService("callback", "Обратный звонок", "call_then_wait", [], []));
        }
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = cluster.NodeUrls[1] });
        await Pages.SignInAsync(page, "demo", "pm@demo.ktp", "Demo-Password-1");
        await page.GotoAsync("/t/demo/dispatcher");
        await Pages.WaitForInteractiveAsync(page);

        using var api = new HttpClient { BaseAddress = new Uri(cluster.NodeUrls[0]) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var customer = "Узел " + Guid.NewGuid().ToString("N")[..6];
        var placed = await (await api.PostAsJsonAsync("/t/demo/api/v1/orders", new { customer = new { name = customer }, services = new[] { new { code = "callback" } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var orderId = placed.GetProperty("orderId").GetGuid();
        var card = page.Locator("[data-testid=column-nobody] [data-testid=task-card]", new() { HasText = customer });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var order = await api.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/orders/{orderId}");
        var taskId = order.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        (await api.PostAsJsonAsync($"/t/demo/api/v1/tasks/{Uri.EscapeDataString(taskId)}/complete", new { })).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        await Assertions.Expect(card).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        await using var owner = new NpgsqlConnection(cluster.OwnerConnectionString);
        var serviceId = order.GetProperty("services")[0].GetProperty("serviceId").GetGuid();
        await DemoWork.WaitForAsync(async () => await owner.ExecuteScalarAsync<string>("SELECT status FROM orders WHERE order_id = @orderId", new { orderId }) == "Done" ? "done" : null,
            TimeSpan.FromSeconds(30), "the timer to fire and the order to be done");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @serviceId AND type = 'process.timer_fired'", new { serviceId }))
            .ShouldBe(1, "one node fires the timer");
        await page.CloseAsync();
    }
}
