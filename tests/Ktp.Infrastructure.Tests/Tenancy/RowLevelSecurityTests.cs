using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Testing;
using Npgsql;

namespace Ktp.Infrastructure.Tests.Tenancy;

public sealed class RowLevelSecurityTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    private KtpDatabase Db => fixture.Database.Db;

    /// <summary>Read by the app role for every tenant on purpose: the price list and the migration probe.</summary>
    private static readonly string[] SharedOnPurpose = ["public.plan_versions", "public.plans", "public.schema_migrations"];

    [Fact]
    public async Task Every_table_the_app_role_can_read_in_any_schema_is_tenant_scoped_or_shared_on_purpose()
    {
        await using var owner = fixture.Database.OpenOwner();
        var readable = (await owner.QueryAsync<string>("""
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND has_table_privilege('ktp_app', c.oid, 'SELECT')
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            ORDER BY 1
            """)).ToList();
        readable.ShouldBe(SharedOnPurpose);
        (await owner.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname IN ('es', 'wolverine')
            WHERE c.relkind = 'r'
            """)).ShouldBeGreaterThan(5, "Marten's and Wolverine's schemas are there to be checked");
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_in_any_schema_forces_row_level_security()
    {
        await using var owner = fixture.Database.OpenOwner();
        var unprotected = (await owner.QueryAsync<string>("""
            SELECT n.nspname || '.' || c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            WHERE c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            """)).ToList();
        unprotected.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_app_role_owns_no_table_and_cannot_bypass_row_level_security()
    {
        await using var owner = fixture.Database.OpenOwner();
        var role = await owner.QuerySingleAsync<(bool Super, bool Bypass)>(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'ktp_app'");
        role.Super.ShouldBeFalse();
        role.Bypass.ShouldBeFalse();
        (await owner.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'ktp_app'")).ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_tenant_the_app_connection_sees_zero_rows()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await uow.ExecuteAsync("INSERT INTO customers (customer_id, name) VALUES (gen_random_uuid(), 'test')");
            await uow.CommitAsync();
        }

        await using var connection = await Db.App.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenants")).ShouldBe(0);
    }

    [Fact]
    public async Task A_tenant_cannot_read_or_change_another_tenants_rows_even_with_a_forged_id()
    {
        var a = await fixture.Database.CreateTenantRowAsync();
        var b = await fixture.Database.CreateTenantRowAsync();
        await using (var uow = await Db.BeginTenantAsync(b))
        {
            await uow.ExecuteAsync("INSERT INTO customers (customer_id, name) VALUES (gen_random_uuid(), 'secret-of-b')");
            await uow.CommitAsync();
        }

        await using (var uow = await Db.BeginTenantAsync(a))
        {
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE tenant_id = @b", new { b })).ShouldBe(0);
            (await uow.ExecuteAsync("UPDATE customers SET name = 'stolen' WHERE tenant_id = @b", new { b })).ShouldBe(0);
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM tenants WHERE tenant_id = @b", new { b })).ShouldBe(0);
            var forged = await Should.ThrowAsync<PostgresException>(() =>
                uow.ExecuteAsync("INSERT INTO customers (tenant_id, customer_id, name) VALUES (@b, gen_random_uuid(), 'forged')", new { b }));
            forged.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        await using var check = await Db.BeginTenantAsync(b);
        (await check.QueryAsync<string>("SELECT name FROM customers")).ShouldBe(["secret-of-b"]);
    }

    [Fact]
    public async Task The_tenant_setting_does_not_leak_to_the_next_user_of_a_pooled_connection()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using (var uow = await Db.BeginTenantAsync(tenant))
        {
            await uow.ExecuteAsync("INSERT INTO customers (customer_id, name) VALUES (gen_random_uuid(), 'mine')");
            await uow.CommitAsync();
        }
        for (var i = 0; i < 5; i++)
        {
            await using var connection = await Db.App.OpenConnectionAsync();
            (await connection.ExecuteScalarAsync<string?>("SELECT current_setting('app.tenant_id', true)")).ShouldBeNullOrEmpty();
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
        }
    }

    [Fact]
    public async Task The_app_role_cannot_update_or_delete_stored_events()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using var uow = await Db.BeginTenantAsync(tenant);
        var error = await Should.ThrowAsync<PostgresException>(() => uow.ExecuteAsync("DELETE FROM es.mt_events"));
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
