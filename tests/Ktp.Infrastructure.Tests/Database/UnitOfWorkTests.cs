using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Tests.EventStore;
using Ktp.Testing;

namespace Ktp.Infrastructure.Tests.Database;

public sealed class UnitOfWorkTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    [Fact]
    public async Task A_commit_gives_the_connection_back_and_a_later_dispose_leaves_its_next_user_alone()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using var db = new KtpDatabase(new DatabaseOptions { OwnerConnectionString = fixture.Database.OwnerConnectionString, MaxPoolSize = 1, PoolWaitSeconds = 3 });

        var first = await db.BeginTenantAsync(tenant);
        await first.CommitAsync();

        // With a pool of one, this only opens because the commit returned the connection.
        await using (var second = await db.BeginTenantAsync(tenant))
        {
            await second.ExecuteAsync("INSERT INTO customers (customer_id, name) VALUES (gen_random_uuid(), 'kept')");
            await first.DisposeAsync(); // the first caller's scope ends while the second uses the same physical connection
            await second.ExecuteAsync("INSERT INTO customers (customer_id, name) VALUES (gen_random_uuid(), 'kept too')");
            await second.CommitAsync();
        }

        await using var check = await db.BeginTenantAsync(tenant);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE name LIKE 'kept%'")).ShouldBe(2);
    }

    [Fact]
    public async Task A_statement_of_its_own_waits_for_the_tenant_and_the_first_query_sends_it()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using var uow = await fixture.Database.Db.BeginTenantAsync(tenant);

        // Nothing is sent yet: a command built on the bare connection would run without the tenant, so it is refused.
        Should.Throw<InvalidOperationException>(() => uow.Connection);
        (await uow.ExecuteScalarAsync<string>("SELECT current_setting('app.tenant_id', true)")).ShouldBe(tenant.ToString());
        uow.Connection.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_append_that_opens_the_transaction_carries_the_tenant_and_later_statements_see_its_rows()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        var other = await fixture.Database.CreateTenantRowAsync();
        var store = TestEventTypes.Store();
        var stream = Guid.NewGuid();

        await using (var uow = await fixture.Database.Db.BeginTenantAsync(tenant))
        {
            await store.AppendAsync(uow, stream, "counter", Ktp.Infrastructure.Events.EventStore.NoStream, [new CounterOpened("first")], EventMetadata.System);
            (await uow.ExecuteScalarAsync<string>("SELECT current_setting('app.tenant_id', true)")).ShouldBe(tenant.ToString());
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_streams WHERE id = @stream", new { stream })).ShouldBe(1);
            await uow.CommitAsync();
        }

        await using var stranger = await fixture.Database.Db.BeginTenantAsync(other);
        (await stranger.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @stream", new { stream })).ShouldBe(0);
    }

    [Fact]
    public async Task A_pooled_connection_comes_back_without_the_last_tenant_even_though_it_is_not_reset()
    {
        var tenant = await fixture.Database.CreateTenantRowAsync();
        await using var db = new KtpDatabase(new DatabaseOptions { OwnerConnectionString = fixture.Database.OwnerConnectionString, MaxPoolSize = 1 });
        await using (var uow = await db.BeginTenantAsync(tenant))
        {
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBeGreaterThanOrEqualTo(0);
            await uow.CommitAsync();
        }
        await using (var rolledBack = await db.BeginTenantAsync(tenant))
            await rolledBack.ExecuteAsync("SELECT 1");

        // Pool of one: the same physical connection, handed out with no tenant set.
        await using var connection = await db.App.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT coalesce(current_setting('app.tenant_id', true), '')")).ShouldBe("");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
    }
}
