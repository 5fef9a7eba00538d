using System.Security.Claims;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Web.Hosting;
using Ktp.Infrastructure.Inquiries;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine.Runtime;

namespace Ktp.EndToEnd.Tests;

/// <summary>Work on the demo tenant of a running cluster, shared by the multi-node and crash tests.</summary>
public static class DemoWork
{
    public static readonly Guid DemoProject = Guid.Parse("d3e00000-0000-4000-8000-000000000001");
    public static readonly Guid NewSubscriberTopic = Guid.Parse("d3e0b000-0000-4000-8000-000000000101");

    public static async Task<Guid> DemoTenantAsync(string ownerConnectionString)
    {
        await using var owner = new NpgsqlConnection(ownerConnectionString);
        return await owner.ExecuteScalarAsync<Guid>("SELECT tenant_id FROM tenants WHERE slug = 'demo'");
    }

    /// <summary>
    /// A cold cluster elects a leader, which hands the database's durability agent (the poller of scheduled
    /// messages) to one node some seconds after start; deadlines due before that fire when it starts.
    /// </summary>
    public static async Task WaitForMessagingAgentAsync(string ownerConnectionString)
    {
        await using var owner = new NpgsqlConnection(ownerConnectionString);
        await WaitForAsync(async () => await owner.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM wolverine.wolverine_node_assignments WHERE id LIKE 'wolverinedb://%')") ? "assigned" : null,
            TimeSpan.FromSeconds(60), "a node to take the scheduled-message agent");
    }

    /// <summary>A new version of the demo project's SLA: every topic due <paramref name="seconds"/> after registration, round the clock.</summary>
    public static async Task UseSlaOfSecondsAsync(string ownerConnectionString, Guid tenant, int seconds)
    {
        var allDay = string.Join(", ", Enum.GetNames<DayOfWeek>().Select(d => $"\"{d}\": [\"00:00-24:00\"]"));
        var policy = $"{{\"topicCode\": \"{NewSubscriberTopic}\", \"processCode\": null, \"durationHours\": {seconds / 3600.0:0.000000}, \"warnBeforeHours\": 0}}";
        await using var owner = new NpgsqlConnection(ownerConnectionString);
        await owner.ExecuteAsync($$"""
            INSERT INTO project_settings (tenant_id, project_id, kind, version, document, saved_by)
            SELECT @tenant, @DemoProject, 'sla', max(version) + 1,
                   '{"calendar": {"week": {{{allDay}}}, "holidays": [], "timeZone": "Europe/Moscow"}, "policies": [{{policy}}]}'::jsonb, 'e2e'
            FROM project_settings WHERE project_id = @DemoProject AND kind = 'sla'
            """, new { tenant, DemoProject });
    }

    public static async Task<Guid> RegisterThroughApiAsync(string node, string apiKey, string customer)
    {
        var (id, status, body) = await PostInquiryAsync(node, apiKey, customer);
        status.ShouldBe(System.Net.HttpStatusCode.Created, body);
        return id!.Value;
    }

    /// <summary>One API registration; the id only when the node acknowledged it (201).</summary>
    public static async Task<(Guid? Id, System.Net.HttpStatusCode Status, string Body)> PostInquiryAsync(string node, string apiKey, string customer,
        CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        var response = await http.PostAsync("/t/demo/api/v1/inquiries", System.Net.Http.Json.JsonContent.Create(new RegisterContactCommand(
            DemoProject, null, new NewCustomer(customer, null, null, null, null), "in", "phone", null,
            [new NewInquiry(NewSubscriberTopic, Address)])), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != System.Net.HttpStatusCode.Created) return (null, response.StatusCode, body);
        var created = System.Text.Json.JsonSerializer.Deserialize<RegisteredContact>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        return (created.InquiryIds[0], response.StatusCode, body);
    }

    public static readonly Dictionary<string, string?> Address = new() { ["address"] = "Москва, ул. Лесная, 7", ["flat"] = "12" };

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The test's own hands on the cluster's database: the app's services built as <c>ktp seed</c> builds them,
    /// with Wolverine started to write messages but no web server and no workers (the nodes do the work).
    /// </summary>
    public sealed class InProcessClient : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private InProcessClient(WebApplication app) => _app = app;

        public IServiceProvider Services => _app.Services;

        public static async Task<InProcessClient> StartAsync(string ownerConnectionString)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
            builder.Configuration["ConnectionStrings:Ktp"] = ownerConnectionString;
            builder.Configuration["Workers:Enabled"] = "false";
            builder.Configuration["Logging:MinimumLevel"] = "Warning";
            builder.AddKtp();
            var app = builder.Build();
            await ((IHostedService)app.Services.GetRequiredService<IWolverineRuntime>()).StartAsync(default);
            return new InProcessClient(app);
        }

        /// <summary>Registers an inquiry as the demo operator would, on the demo project's first-line topic.</summary>
        public async Task RegisterInquiryAsync(Guid tenantId, string customer)
        {
            using var scope = Services.CreateScope();
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
            await using var owner = new NpgsqlConnection(Services.GetRequiredService<DatabaseOptions>().OwnerConnectionString);
            var (userId, name) = await owner.QuerySingleAsync<(Guid, string)>(
                "SELECT user_id, display_name FROM users WHERE tenant_id = @tenantId AND email = 'operator@demo.ktp'", new { tenantId });
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(KtpClaims.UserId, userId.ToString()), new Claim(KtpClaims.DisplayName, name), new Claim(KtpClaims.Privilege, Privilege.InquiriesWork),
            ], "test")));
            await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                DemoProject, null, new NewCustomer(customer, null, null, null, null), "in", "phone", null,
                [new NewInquiry(NewSubscriberTopic, Address)]));
        }

        /// <summary>An API key of the demo tenant holding <paramref name="privileges"/> (inquiry work when none), made as its admin would.</summary>
        public async Task<string> CreateApiKeyAsync(params string[] privileges)
        {
            string[] granted = privileges.Length == 0 ? [Privilege.InquiriesWork] : privileges;
            using var scope = await AsAsync([Privilege.SettingsManage, .. granted]);
            return (await scope.ServiceProvider.GetRequiredService<Ktp.Infrastructure.Identity.ApiKeyAdmin>().CreateAsync("e2e", granted)).Key;
        }

        /// <summary>A scope acting in the demo tenant with <paramref name="privileges"/>.</summary>
        public async Task<IServiceScope> AsAsync(string[] privileges)
        {
            var scope = Services.CreateScope();
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(KtpClaims.DisplayName, "e2e"), .. privileges.Select(p => new Claim(KtpClaims.Privilege, p))], "test")));
            return scope;
        }

        public async ValueTask DisposeAsync()
        {
            await ((IHostedService)_app.Services.GetRequiredService<IWolverineRuntime>()).StopAsync(default);
            await _app.DisposeAsync();
        }
    }
}
