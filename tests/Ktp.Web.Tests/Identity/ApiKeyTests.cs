using System.Security.Claims;
using Alba;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ktp.Web.Tests.Identity;

public sealed class ApiKeyTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(string Key, Guid KeyId)> CreateKeyAsync(string slug, params string[] scopes)
    {
        using var scope = app.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync(slug);
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage), new Claim(KtpClaims.DisplayName, "test"),
                .. scopes.Select(p => new Claim(KtpClaims.Privilege, p))], "test")));
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("integration", scopes);
        return (created.Key, created.KeyId);
    }

    private Task<IScenarioResult> GetUsersAsync(string key, int status, string slug = "demo") =>
        app.Host.CallAsync(key, s => s.Get.Url($"/t/{slug}/api/v1/users"), status);

    private Task<IScenarioResult> PostUserAsync(string key, object user, int status) =>
        app.Host.CallAsync(key, s => s.Post.Json(user).ToUrl("/t/demo/api/v1/users"), status);

    [Fact]
    public async Task A_scoped_key_reads_its_tenant_and_nothing_beyond_its_scopes()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var response = await GetUsersAsync(key, 200);
        (await response.ReadAsTextAsync()).ShouldContain("operator@demo.ktp");

        var (narrow, _) = await CreateKeyAsync("demo", Privilege.ReportsView);
        await GetUsersAsync(narrow, 403);
    }

    [Fact]
    public async Task Verifying_a_key_holds_one_pooled_connection_at_a_time()
    {
        var (key, keyId) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var options = app.Services.GetRequiredService<KtpDatabase>().Options;
        // A pool of one: opening a second connection while holding the first waits out the timeout and fails.
        var singleConnection = new NpgsqlConnectionStringBuilder(options.BuildAppConnectionString()) { MaxPoolSize = 1, Timeout = 3 };
        await using var db = new KtpDatabase(new DatabaseOptions
        {
            OwnerConnectionString = options.OwnerConnectionString,
            AppConnectionString = singleConnection.ConnectionString,
            SystemConnectionString = options.BuildSystemConnectionString(),
        });

        var verified = await new ApiKeyVerifier(db, TimeProvider.System).VerifyAsync(key, CancellationToken.None);

        verified.ShouldNotBeNull().KeyId.ShouldBe(keyId);
    }

    [Fact]
    public async Task A_key_does_not_open_another_tenant()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        await GetUsersAsync(key, 401, slug: "platform");
    }

    [Fact]
    public async Task A_key_managing_users_cannot_create_a_user_with_more_privileges_than_its_own()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var response = await PostUserAsync(key,
            new { email = "escalated@demo.ktp", displayName = "Escalated", password = "Escalated-Password-7", roles = new[] { Role.TenantAdmin } }, 400);

        (await response.ReadAsTextAsync()).ShouldContain("You cannot grant privileges you do not hold yourself.");
        (await (await GetUsersAsync(key, 200)).ReadAsTextAsync()).ShouldNotContain("escalated@demo.ktp");
    }

    [Fact]
    public async Task Revoked_tampered_and_malformed_keys_are_refused()
    {
        var (key, keyId) = await CreateKeyAsync("demo", Privilege.UsersManage);
        await GetUsersAsync(key[..^2] + "xx", 401);
        await GetUsersAsync("ktp_nonsense", 401);

        using (var scope = app.Services.CreateScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage)], "test")));
            await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().RevokeAsync(keyId);
        }
        await GetUsersAsync(key, 401);
    }

    [Fact]
    public async Task Bad_input_to_the_api_gets_a_problem_with_field_errors_and_writes_nothing()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var response = await PostUserAsync(key, new { email = "<b>nope", displayName = "", password = "x", roles = new[] { "overlord" } }, 400);
        var body = await response.ReadAsTextAsync();
        body.ShouldContain("Email");
        body.ShouldContain("Roles");
        (await (await GetUsersAsync(key, 200)).ReadAsTextAsync()).ShouldNotContain("nope");

        await app.Host.CallAsync(key, s => s.PostRawJson("/t/demo/api/v1/users", "{not json"), 400);
    }
}
