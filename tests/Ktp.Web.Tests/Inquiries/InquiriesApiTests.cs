using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktp.Domain.Access;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiriesApiTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(InquiryTestKit Kit, HttpClient Client)> ClientAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        return (kit, await app.ApiKeyClientAsync(kit.Tenant, Privilege.InquiriesWork));
    }

    private static object Create(Guid projectId, string contract = "K-1") => new
    {
        projectId, customer = new { name = "API customer", phone = "+700", vip = false }, direction = "in", channel = "web",
        inquiries = new[] { new { topicId = InquiryTestKit.Complaint.Value, attributes = new Dictionary<string, string?> { ["contract"] = contract, ["amount"] = "2000" }, priority = "high" } },
    };

    [Fact]
    public async Task An_external_system_creates_an_inquiry_updates_it_moves_it_on_events_and_reads_its_status()
    {
        var (kit, client) = await ClientAsync();
        var created = await client.PostAsJsonAsync("/t/demo/api/v1/inquiries", Create(kit.ProjectId));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var registered = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = registered.GetProperty("inquiryIds")[0].GetGuid();

        var status = await client.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/inquiries/{id}");
        status.GetProperty("queueCode").GetString().ShouldBe("general");
        var queue = await client.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/projects/{kit.ProjectId}/queues/general/inquiries?limit=10");
        queue.EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()).ShouldContain(id);
        (await client.GetAsync($"/t/demo/api/v1/projects/{kit.ProjectId}/queues/general/inquiries?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var customerId = registered.GetProperty("customerId").GetGuid();
        var card = await client.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/customers/{customerId}/inquiries");
        card.EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()).ShouldBe([id]);
        var version = status.GetProperty("version").GetInt64();

        (await client.PatchAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "3000" }, expectedVersion = version }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var stale = await client.PatchAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "4000" }, expectedVersion = version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the version moved on");
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64().ShouldBe(version + 1);
        (await client.PatchAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "лишнее" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await client.PostAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/events", new { type = "transfer", queue = "vip", text = "escalated by CRM" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.GetFromJsonAsync<JsonElement>($"/t/demo/api/v1/inquiries/{id}")).GetProperty("queueCode").GetString().ShouldBe("vip");
        (await client.PostAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/events", new { type = "teleport" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_requests_get_clear_errors()
    {
        var (kit, client) = await ClientAsync();
        var missing = await client.PostAsJsonAsync("/t/demo/api/v1/inquiries", Create(kit.ProjectId, contract: ""));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("contract");
        (await client.PostAsJsonAsync("/t/demo/api/v1/inquiries", Create(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync("/t/demo/api/v1/inquiries", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/t/demo/api/v1/inquiries/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_inquiry_endpoints()
    {
        var doc = await app.Browser().GetFromJsonAsync<JsonElement>("/api/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/t/{slug}/api/v1/inquiries");
        paths.ShouldContain("/t/{slug}/api/v1/inquiries/{id}/events");
        paths.ShouldContain("/t/{slug}/api/v1/users");
    }
}
