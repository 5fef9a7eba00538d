using System.Security.Claims;
using System.Text.Json;
using Alba;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Ktp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Identity;

/// <summary>An app whose clock the test moves; access tokens live long, so a client's own expiry is what refuses them.</summary>
public sealed class ClockedApiHost : KtpHost
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:ApiTokenMinutes", "10000");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>OAuth 2.0 client credentials (OpenIddict): a tenant admin's client gets a token at /connect/token and calls the API.</summary>
public sealed class ApiClientTests(ClockedApiHost app) : IClassFixture<ClockedApiHost>
{
    private async Task<T> AsAdminAsync<T>(Func<ApiClientAdmin, Task<T>> act, params string[] privileges)
    {
        using var scope = app.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
        var claims = (privileges.Length == 0 ? [.. Privilege.TenantPrivileges] : privileges.Append(Privilege.SettingsManage))
            .Select(p => new Claim(KtpClaims.Privilege, p)).Append(new Claim(KtpClaims.DisplayName, "Test admin"));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return await act(scope.ServiceProvider.GetRequiredService<ApiClientAdmin>());
    }

    private Task<CreatedApiClient> RegisterAsync(int days = 30, params string[] scopes) =>
        AsAdminAsync(admin => admin.CreateAsync("ERP", scopes, days));

    private async Task<IScenarioResult> RequestTokenAsync(string clientId, string secret, string? scope = null, int status = 200)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null) form["scope"] = scope;
        return await app.Host.Scenario(s =>
        {
            s.Post.FormData(form).ToUrl("/connect/token");
            s.StatusCodeShouldBe(status);
        });
    }

    private async Task<string> TokenAsync(CreatedApiClient client, string? scope = null)
    {
        var body = JsonDocument.Parse(await (await RequestTokenAsync(client.ClientId, client.Secret, scope)).ReadAsTextAsync()).RootElement;
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBeGreaterThan(0);
        return body.GetProperty("access_token").GetString()!;
    }

    private Task<IScenarioResult> CallAsync(string token, string url, int status) =>
        app.Host.CallAsync(token, s => s.Get.Url(url), status);

    [Fact]
    public async Task A_client_s_token_reads_its_workspace_through_the_api()
    {
        var client = await RegisterAsync(scopes: Privilege.UsersManage);
        client.ClientId.ShouldStartWith("ktpc_");

        var users = await CallAsync(await TokenAsync(client), "/t/demo/api/v1/users", 200);

        (await users.ReadAsTextAsync()).ShouldContain("operator@demo.ktp");
        var row = (await AsAdminAsync(admin => admin.ListAsync())).Single(c => c.ClientId == client.ClientId);
        row.LastTokenAt.ShouldNotBeNull();
        row.CreatedBy.ShouldBe("Test admin");
    }

    [Fact]
    public async Task A_token_without_the_needed_scope_is_forbidden()
    {
        var client = await RegisterAsync(scopes: [Privilege.UsersManage, Privilege.InquiriesWork]);

        await CallAsync(await TokenAsync(client, scope: Privilege.InquiriesWork), "/t/demo/api/v1/users", 403);
        await CallAsync(await TokenAsync(client, scope: Privilege.UsersManage), "/t/demo/api/v1/users", 200);
    }

    [Fact]
    public async Task A_client_cannot_ask_for_a_scope_it_does_not_hold()
    {
        var client = await RegisterAsync(scopes: Privilege.InquiriesWork);

        var refused = await RequestTokenAsync(client.ClientId, client.Secret, scope: Privilege.UsersManage, status: 400);

        (await refused.ReadAsTextAsync()).ShouldContain("invalid_scope");
    }

    [Fact]
    public async Task A_revoked_client_s_token_is_refused_at_once_and_it_gets_no_new_one()
    {
        var client = await RegisterAsync(scopes: Privilege.UsersManage);
        var token = await TokenAsync(client);

        await AsAdminAsync(async admin => { await admin.RevokeAsync(client.ClientId); return true; });

        var refused = await CallAsync(token, "/t/demo/api/v1/users", 401);
        refused.Context.Response.Headers.WWWAuthenticate.ToString().ShouldContain("invalid_token");
        (await (await RequestTokenAsync(client.ClientId, client.Secret, status: 401)).ReadAsTextAsync()).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task An_expired_client_s_token_is_refused_and_it_gets_no_new_one()
    {
        var client = await RegisterAsync(days: 1, scopes: Privilege.UsersManage);
        var token = await TokenAsync(client);
        await CallAsync(token, "/t/demo/api/v1/users", 200);

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await CallAsync(token, "/t/demo/api/v1/users", 401);
        await RequestTokenAsync(client.ClientId, client.Secret, status: 401);
    }

    [Fact]
    public async Task A_wrong_secret_a_forged_token_and_another_workspace_are_refused()
    {
        var client = await RegisterAsync(scopes: Privilege.UsersManage);
        (await (await RequestTokenAsync(client.ClientId, client.Secret[..^2] + "xx", status: 401)).ReadAsTextAsync()).ShouldContain("invalid_client");
        await RequestTokenAsync("ktpc_0000000000000000", client.Secret, status: 401);

        var token = await TokenAsync(client);
        await CallAsync(token[..^4] + "AAAA", "/t/demo/api/v1/users", 401);
        await CallAsync(token, "/t/platform/api/v1/users", 401);
    }

    [Fact]
    public async Task Nobody_registers_a_client_with_more_than_they_hold()
    {
        var error = await Should.ThrowAsync<ValidationFailedException>(() =>
            AsAdminAsync(admin => admin.CreateAsync("ERP", [Privilege.UsersManage], 30), Privilege.ReportsView));

        error.Errors["scopes"].ShouldContain("You cannot grant privileges you do not hold yourself.");
        (await AsAdminAsync(admin => admin.ListAsync())).ShouldNotContain(c => c.Name == "ERP" && c.Scopes.Contains(Privilege.UsersManage) && c.CreatedBy != "Test admin");
    }
}
