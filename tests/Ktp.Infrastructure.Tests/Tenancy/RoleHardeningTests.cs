using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Testing;
using Npgsql;

namespace Ktp.Infrastructure.Tests.Tenancy;

/// <summary>What the request role (ktp_app) may not do even inside its own tenant's transaction.</summary>
public sealed class RoleHardeningTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    private KtpDatabase Db => fixture.Database.Db;

    private static async Task RefusedAsync(UnitOfWork uow, string sql)
    {
        var e = await Should.ThrowAsync<PostgresException>(() => uow.ExecuteAsync(sql));
        e.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
    }

    [Fact]
    public async Task The_app_role_cannot_make_its_tenant_a_platform_tenant()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using (var uow = await Db.BeginTenantAsync(tenant))
            await RefusedAsync(uow, "UPDATE tenants SET kind = 'platform'");
        await using (var uow = await Db.BeginTenantAsync(tenant))
            await RefusedAsync(uow, "UPDATE tenants SET slug = 'platform2'");
        var other = Guid.NewGuid();
        await using (var uow = await Db.BeginTenantAsync(other))
            await RefusedAsync(uow, $"INSERT INTO tenants (tenant_id, slug, name, kind) VALUES ('{other}', '{$"p-{other:N}"[..20]}', 'Fake platform', 'platform')");

        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            (await uow.ExecuteAsync("UPDATE tenants SET name = 'Renamed', state = 'suspended'")).ShouldBe(1, "name and state stay the app's to change");
            await uow.CommitAsync();
        }
        await using var owner = fixture.Database.OpenOwner();
        (await owner.QuerySingleAsync<string>("SELECT kind FROM tenants WHERE tenant_id = @tenant", new { tenant })).ShouldBe("customer");
    }

    [Fact]
    public async Task The_app_role_cannot_read_the_data_protection_keys()
    {
        await using var connection = await Db.App.OpenConnectionAsync();
        var e = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM data_protection_keys"));
        e.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task A_tenant_sees_and_changes_only_its_own_api_clients()
    {
        var a = await fixture.Database.CreateTenantRowAsync();
        var b = await fixture.Database.CreateTenantRowAsync();
        var clientId = "ktpc_" + Guid.NewGuid().ToString("N")[..16];
        await using (var uow = await Db.BeginTenantAsync(a))
        {
            await uow.ExecuteAsync("""
                INSERT INTO api_clients (client_id, name, secret_hash, scopes, created_by, expires_at)
                VALUES (@clientId, 'erp', 'x', ARRAY['users.manage'], 'test', now() + interval '1 day')
                """, new { clientId });
            await uow.CommitAsync();
        }
        await using (var uow = await Db.BeginTenantAsync(b))
        {
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM api_clients")).ShouldBe(0);
            (await uow.ExecuteAsync("UPDATE api_clients SET revoked_at = now() WHERE client_id = @clientId", new { clientId })).ShouldBe(0);
            var forged = await Should.ThrowAsync<PostgresException>(() => uow.ExecuteAsync($"""
                INSERT INTO api_clients (tenant_id, client_id, name, secret_hash, scopes, created_by, expires_at)
                VALUES ('{a}', 'ktpc_00000000000000ff', 'forged', 'x', ARRAY['users.manage'], 'test', now() + interval '1 day')
                """));
            forged.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, "row-level security refuses another tenant's id");
        }
        await using (var uow = await Db.BeginTenantAsync(a))
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM api_clients WHERE revoked_at IS NULL")).ShouldBe(1);
    }
}
