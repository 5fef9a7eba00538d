using Dapper;
using Ktp.Infrastructure.Database;
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
}
