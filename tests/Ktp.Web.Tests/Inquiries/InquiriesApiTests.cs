using Alba;
using Ktp.Domain.Access;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiriesApiTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(InquiryTestKit Kit, Calls Api)> ApiAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        return (kit, new Calls(app.Host, await app.ApiKeyAsync(kit.Tenant, Privilege.InquiriesWork)));
    }

    /// <summary>An integration's calls, each signed with its key and asserting the status it expects.</summary>
    private sealed class Calls(IAlbaHost host, string key)
    {
        public Task<IScenarioResult> Get(string url, int status = 200) => Send(s => s.Get.Url(url), status);
        public Task<IScenarioResult> Post(string url, object body, int status) => Send(s => s.Post.Json(body).ToUrl(url), status);
        public Task<IScenarioResult> Patch(string url, object body, int status) => Send(s => s.Patch.Json(body).ToUrl(url), status);

        public Task<IScenarioResult> Send(Action<Scenario> request, int status) => host.CallAsync(key, request, status);
    }

    private static object Create(Guid projectId, string contract = "K-1") => new
    {
        projectId, customer = new { name = "API customer", phone = "+700", vip = false }, direction = "in", channel = "web",
        inquiries = new[] { new { topicId = InquiryTestKit.Complaint.Value, attributes = new Dictionary<string, string?> { ["contract"] = contract, ["amount"] = "2000" }, priority = "high" } },
    };

    [Fact]
    public async Task An_external_system_creates_an_inquiry_updates_it_moves_it_on_events_and_reads_its_status()
    {
        var (kit, api) = await ApiAsync();
        var registered = await (await api.Post("/t/demo/api/v1/inquiries", Create(kit.ProjectId), 201)).ReadJsonElementAsync();
        var id = registered.GetProperty("inquiryIds")[0].GetGuid();

        var status = await (await api.Get($"/t/demo/api/v1/inquiries/{id}")).ReadJsonElementAsync();
        status.GetProperty("queueCode").GetString().ShouldBe("general");
        var queue = await (await api.Get($"/t/demo/api/v1/projects/{kit.ProjectId}/queues/general/inquiries?limit=10")).ReadJsonElementAsync();
        queue.EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()).ShouldContain(id);
        await api.Get($"/t/demo/api/v1/projects/{kit.ProjectId}/queues/general/inquiries?limit=0", 400);
        var customerId = registered.GetProperty("customerId").GetGuid();
        var card = await (await api.Get($"/t/demo/api/v1/customers/{customerId}/inquiries")).ReadJsonElementAsync();
        card.EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()).ShouldBe([id]);
        var version = status.GetProperty("version").GetInt64();

        await api.Patch($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "3000" }, expectedVersion = version }, 204);
        var stale = await api.Patch($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "4000" }, expectedVersion = version }, 409);
        (await stale.ReadJsonElementAsync()).GetProperty("currentVersion").GetInt64().ShouldBe(version + 1, "the version moved on");
        await api.Patch($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "лишнее" } }, 400);

        await api.Post($"/t/demo/api/v1/inquiries/{id}/events", new { type = "transfer", queue = "vip", text = "escalated by CRM" }, 202);
        (await (await api.Get($"/t/demo/api/v1/inquiries/{id}")).ReadJsonElementAsync()).GetProperty("queueCode").GetString().ShouldBe("vip");
        await api.Post($"/t/demo/api/v1/inquiries/{id}/events", new { type = "teleport" }, 400);
    }

    [Fact]
    public async Task Bad_requests_get_clear_errors()
    {
        var (kit, api) = await ApiAsync();
        (await (await api.Post("/t/demo/api/v1/inquiries", Create(kit.ProjectId, contract: ""), 400)).ReadAsTextAsync()).ShouldContain("contract");
        await api.Post("/t/demo/api/v1/inquiries", Create(Guid.NewGuid()), 400);
        await api.Send(s => s.PostRawJson("/t/demo/api/v1/inquiries", "{oops"), 400);
        await api.Get($"/t/demo/api/v1/inquiries/{Guid.NewGuid()}", 404);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_inquiry_endpoints()
    {
        var doc = await (await app.Host.Scenario(s => s.Get.Url("/api/openapi/v1.json"))).ReadJsonElementAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/t/{slug}/api/v1/inquiries");
        paths.ShouldContain("/t/{slug}/api/v1/inquiries/{id}/events");
        paths.ShouldContain("/t/{slug}/api/v1/users");
    }
}
