using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Ktp.Web.Tests.Inquiries;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ktp.Web.Tests.Api;

/// <summary>
/// No request path may hold one pooled connection while it opens another: under load every request would hold one
/// and wait for a second, and the pool deadlocks (it once did, in API key verification). With a pool of ONE app-role
/// connection such a path waits on itself and times out, so each path below fails if it ever nests connections.
/// </summary>
public sealed class ConnectionDisciplineTests(ConnectionDisciplineTests.App app) : IClassFixture<ConnectionDisciplineTests.App>
{
    public sealed class App : KtpHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var appRole = new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString)
            {
                Username = "ktp_app", Password = "ktp_app_dev", MaxPoolSize = 1, Timeout = 5, ApplicationName = "ktp-app-pool-of-one",
            };
            builder.UseSetting("ConnectionStrings:KtpApp", appRole.ConnectionString);
        }
    }

    private static async Task OkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Api_calls_with_keys_and_oauth_tokens_complete_on_a_pool_of_one_connection()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        string clientId, secret;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(kit.Tenant, new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(KtpClaims.Privilege, Privilege.UsersManage), new Claim(KtpClaims.Privilege, Privilege.SettingsManage)], "test")));
            var created = await scope.ServiceProvider.GetRequiredService<ApiClientAdmin>().CreateAsync("erp", [Privilege.UsersManage], 30);
            (clientId, secret) = (created.ClientId, created.Secret);
        }
        var api = await app.ApiKeyClientAsync(kit.Tenant, Privilege.InquiriesWork, Privilege.UsersManage);

        var registered = await api.PostAsJsonAsync("/t/demo/api/v1/inquiries", new
        {
            projectId = kit.ProjectId, customer = new { name = "Pool customer", phone = "+79001112233" }, direction = "in", channel = "web",
            inquiries = new[] { new { topicId = InquiryTestKit.Complaint.Value, attributes = new Dictionary<string, string?> { ["contract"] = "K-9", ["amount"] = "100" } } },
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inquiryIds")[0].GetGuid();
        await OkAsync(api, $"/t/demo/api/v1/inquiries/{id}");
        (await api.PostAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/events", new { type = "comment", text = "from the CRM" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await api.PatchAsJsonAsync($"/t/demo/api/v1/inquiries/{id}/attributes", new { values = new Dictionary<string, string?> { ["amount"] = "200" } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await OkAsync(api, "/t/demo/api/v1/users");
        var user = await api.PostAsJsonAsync("/t/demo/api/v1/users", new { email = "pool@demo.ktp", displayName = "Pool", roles = new[] { Ktp.Domain.Access.Role.Operator } });
        user.StatusCode.ShouldBe(HttpStatusCode.Created, await user.Content.ReadAsStringAsync());

        var token = await app.Browser().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = Privilege.UsersManage,
        }));
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var oauth = app.Browser();
        oauth.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        await OkAsync(oauth, "/t/demo/api/v1/users");
    }

    [Fact]
    public async Task Sign_in_and_every_page_render_complete_on_a_pool_of_one_connection()
    {
        await OkAsync(app.Browser(), "/t/demo/login");
        var admin = await app.SignedInAsync("demo", "admin@demo.ktp");
        foreach (var page in new[] { "/t/demo", "/t/demo/admin/users", "/t/demo/admin/roles", "/t/demo/admin/api-keys", "/t/demo/admin/api-clients",
                     "/t/demo/billing", "/t/demo/projects", "/t/demo/dev/mailbox", "/t/demo/billing/ledger.csv" })
            await OkAsync(admin, page);

        var operatorClient = await app.SignedInAsync("demo", "operator@demo.ktp");
        foreach (var page in new[] { "/t/demo/work", "/t/demo/backoffice" })
            await OkAsync(operatorClient, page);
        await OkAsync(await app.SignedInAsync("demo", "pm@demo.ktp"), "/t/demo/monitoring");

        var platform = await app.SignedInAsync("platform", "admin@platform.ktp");
        foreach (var page in new[] { "/t/platform/platform/tenants", "/t/platform/platform/revenue", "/t/platform/platform/plans" })
            await OkAsync(platform, page);
    }
}
