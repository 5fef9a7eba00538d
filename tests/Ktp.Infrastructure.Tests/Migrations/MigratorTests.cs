using Dapper;
using Ktp.Infrastructure.Migrations;
using Ktp.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ktp.Infrastructure.Tests.Migrations;

public sealed class MigratorTests(TestDatabaseFixture fixture) : IClassFixture<TestDatabaseFixture>
{
    private Migrator Migrator => new(fixture.Database.Options, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Running_again_applies_nothing()
    {
        (await Migrator.MigrateAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_script_is_applied_once_even_when_two_nodes_start_together()
    {
        var scripts = MigrationScript.LoadEmbedded()
            .Append(new MigrationScript(9001, "test_added", "CREATE TABLE test_added (id int); INSERT INTO test_added VALUES (1);"))
            .ToList();
        var results = await Task.WhenAll(Migrator.MigrateAsync(scripts), Migrator.MigrateAsync(scripts));

        results.Sum(r => r.Count).ShouldBe(1);
        await using var owner = fixture.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM test_added")).ShouldBe(1);
    }

    [Fact]
    public async Task An_applied_script_that_was_edited_is_refused()
    {
        var original = MigrationScript.LoadEmbedded();
        var edited = original.Select(s => s.Version == 1 ? s with { Sql = s.Sql + "\n-- edited" } : s).ToList();

        var error = await Should.ThrowAsync<MigrationChecksumException>(() => Migrator.MigrateAsync(edited));
        error.Message.ShouldContain("0001_foundation");
    }
}
