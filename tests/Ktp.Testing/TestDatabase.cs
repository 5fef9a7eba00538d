using Xunit;
using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ktp.Testing;

/// <summary>
/// A fresh, migrated database on the real PostgreSQL that './ktp test' started. Migrations run once
/// per test run into a template; each fixture copies the template (fast) so tests never share state
/// unless they share a fixture.
/// </summary>
public sealed class TestDatabase(string? dumpFile = null) : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _templateName;

    public string Name { get; } = "ktp_t_" + Guid.NewGuid().ToString("N")[..16];
    public DatabaseOptions Options { get; private set; } = null!;
    public KtpDatabase Db { get; private set; } = null!;
    public string OwnerConnectionString => Options.OwnerConnectionString;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("KTP_TEST_CONNECTION")
        ?? throw new InvalidOperationException("KTP_TEST_CONNECTION is not set: run the tests with './ktp test', which starts PostgreSQL.");

    public async Task InitializeAsync()
    {
        // The template's migrator also creates the cluster-wide roles a restored dump grants to.
        var template = await EnsureTemplateAsync();
        await using (var admin = new NpgsqlConnection(WithDatabase(ServerConnectionString, "postgres", pooling: false)))
        {
            await admin.OpenAsync();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await admin.ExecuteAsync(dumpFile is null ? $"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"" : $"CREATE DATABASE \"{Name}\"");
                    break;
                }
                catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20)
                {
                    await Task.Delay(100 * attempt); // template busy with another copy
                }
            }
        }
        Options = new DatabaseOptions { OwnerConnectionString = WithDatabase(ServerConnectionString, Name, pooling: true) };
        Db = new KtpDatabase(Options);
        if (dumpFile is not null) await PsqlRestore.RunAsync(dumpFile, Options.OwnerConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Db is not null) await Db.DisposeAsync();
    }

    public NpgsqlConnection OpenOwner()
    {
        var connection = new NpgsqlConnection(OwnerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Inserts a bare tenant row (as the owner) for tests below the tenancy module.</summary>
    public async Task<Guid> CreateTenantRowAsync(string? slug = null)
    {
        var id = Guid.NewGuid();
        await using var connection = OpenOwner();
        await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, slug, name) VALUES (@id, @slug, @name)",
            new { id, slug = slug ?? "t-" + id.ToString("N")[..12], name = "Test " + id.ToString("N")[..6] });
        return id;
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_templateName is not null) return _templateName;
            var scripts = MigrationScript.LoadEmbedded();
            // The scripts and the code that shapes Marten's and Wolverine's schema (the Infrastructure build) name the template.
            var build = typeof(Migrator).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
            var name = "ktp_template_" + build + "_" + string.Concat(scripts.Select(s => s.Checksum[..4]))[..Math.Min(36, scripts.Count * 4)];
            await using var admin = new NpgsqlConnection(WithDatabase(ServerConnectionString, "postgres", pooling: false));
            await admin.OpenAsync();
            // Test processes run in parallel: one builds the template, the others wait on the lock.
            await admin.ExecuteAsync("SELECT pg_advisory_lock(7410001)");
            try
            {
                var exists = await admin.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", new { name });
                if (!exists)
                {
                    var building = name + "_building";
                    await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\"");
                    await admin.ExecuteAsync($"CREATE DATABASE \"{building}\"");
                    var options = new DatabaseOptions { OwnerConnectionString = WithDatabase(ServerConnectionString, building, pooling: false) };
                    await new Migrator(options, NullLogger<Migrator>.Instance).MigrateAsync();
                    await admin.ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await admin.ExecuteAsync("SELECT pg_advisory_unlock(7410001)");
            }
            return _templateName = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static string WithDatabase(string connectionString, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = pooling }.ConnectionString;
}
