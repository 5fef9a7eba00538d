using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
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

    private HttpClient WithKey(string key)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_scoped_key_reads_its_tenant_and_nothing_beyond_its_scopes()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var response = await WithKey(key).GetAsync("/t/demo/api/v1/users");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("operator@demo.ktp");

        var (narrow, _) = await CreateKeyAsync("demo", Privilege.ReportsView);
        (await WithKey(narrow).GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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
        (await WithKey(key).GetAsync("/t/platform/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_managing_users_cannot_create_a_user_with_more_privileges_than_its_own()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var client = WithKey(key);
        var response = await client.PostAsJsonAsync("/t/demo/api/v1/users",
            new { email = "escalated@demo.ktp", displayName = "Escalated", password = "Escalated-Password-7", roles = new[] { Role.TenantAdmin } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You cannot grant privileges you do not hold yourself.");
        (await client.GetStringAsync("/t/demo/api/v1/users")).ShouldNotContain("escalated@demo.ktp");
    }

    [Fact]
    public async Task Revoked_tampered_and_malformed_keys_are_refused()
    {
        var (key, keyId) = await CreateKeyAsync("demo", Privilege.UsersManage);
        (await WithKey(key[..^2] + "xx").GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WithKey("ktp_nonsense").GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using (var scope = app.Services.CreateScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage)], "test")));
            await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().RevokeAsync(keyId);
        }
        (await WithKey(key).GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_input_to_the_api_gets_a_problem_with_field_errors_and_writes_nothing()
    {
        var (key, _) = await CreateKeyAsync("demo", Privilege.UsersManage);
        var client = WithKey(key);
        var response = await client.PostAsJsonAsync("/t/demo/api/v1/users",
            new { email = "<b>nope", displayName = "", password = "x", roles = new[] { "overlord" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("Email");
        body.ShouldContain("Roles");
        (await client.GetStringAsync("/t/demo/api/v1/users")).ShouldNotContain("nope");

        var malformed = await client.PostAsync("/t/demo/api/v1/users", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
