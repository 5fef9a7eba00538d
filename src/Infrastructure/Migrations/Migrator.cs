using Ktp.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ktp.Infrastructure.Migrations;

public sealed class MigrationChecksumException(string message) : Exception(message);

/// <summary>
/// Applies embedded scripts in order under an advisory lock, so several nodes starting at once
/// apply each script exactly once. A script whose text changed after it was applied is refused.
/// </summary>
public sealed class Migrator(
    DatabaseOptions options, ILogger<Migrator> logger,
    Events.EventTypeRegistry? eventTypes = null, IEnumerable<Projections.IAsyncProjection>? asyncProjections = null)
{
    private const long LockKey = 0x4B5450_4D4947; // "KTP MIG"

    /// <summary>Told how many streams the event store upgrade has moved (the CLI shows a progress bar).</summary>
    public IProgress<(long Done, long Total)>? UpgradeProgress { get; set; }

    /// <summary>Streams moved per transaction by the event store upgrade.</summary>
    public int UpgradeStreamsPerBatch { get; set; } = 500;

    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(IReadOnlyList<MigrationScript>? scripts = null, CancellationToken ct = default)
    {
        scripts ??= MigrationScript.LoadEmbedded();
        await using var connection = new NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", ct, LockKey);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            await EnsureRolesAsync(connection, ct);

            var applied = await AppliedAsync(connection, ct);
            var newlyApplied = new List<MigrationScript>();
            foreach (var script in scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                        throw new MigrationChecksumException(
                            $"Migration {script.Version:D4}_{script.Name} was changed after it was applied (checksum {checksum[..12]} → {script.Checksum[..12]}). Add a new script instead of editing an applied one.");
                    continue;
                }
                await ApplyAsync(connection, script, ct);
                newlyApplied.Add(script);
                logger.LogInformation("Applied migration {Version} {Name}", script.Version, script.Name);
            }
            await EventStoreSchema.ApplyAsync(connection, options.OwnerConnectionString, ct);
            await Messaging.MessageStorage.MigrateAsync(connection, options.OwnerConnectionString, ct);
            await new LegacyEventUpgrade(eventTypes, (asyncProjections ?? []).Select(p => p.Table), logger, UpgradeStreamsPerBatch).RunAsync(connection, UpgradeProgress, ct);
            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, LockKey);
        }
    }

    /// <summary>Versions applied and pending, for the readiness probe.</summary>
    public static async Task<int> PendingCountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var scripts = MigrationScript.LoadEmbedded();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(array_agg(version), '{}') FROM schema_migrations", connection);
        var applied = (int[])(await cmd.ExecuteScalarAsync(ct))!;
        return scripts.Count(s => !applied.Contains(s.Version));
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(script.Sql, connection, tx)) await cmd.ExecuteNonQueryAsync(ct);
        await using (var cmd = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = script.Version });
            cmd.Parameters.Add(new NpgsqlParameter { Value = script.Name });
            cmd.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetInt32(0)] = reader.GetString(1);
        return result;
    }

    /// <summary>Neither role owns anything or bypasses RLS; the system role reads all tenants through its own policy.</summary>
    private async Task EnsureRolesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await EnsureRoleAsync(connection, DatabaseOptions.AppRole, options.AppPassword, "NOBYPASSRLS", ct);
        await EnsureRoleAsync(connection, DatabaseOptions.SystemRole, options.SystemPassword, "NOBYPASSRLS", ct);
        var database = connection.Database;
        await ExecuteAsync(connection, $"""
            GRANT CONNECT ON DATABASE "{database.Replace("\"", "\"\"")}" TO {DatabaseOptions.AppRole}, {DatabaseOptions.SystemRole};
            GRANT USAGE ON SCHEMA public TO {DatabaseOptions.AppRole}, {DatabaseOptions.SystemRole};
            GRANT SELECT ON schema_migrations TO {DatabaseOptions.AppRole}, {DatabaseOptions.SystemRole};
            """, ct);
    }

    /// <summary>
    /// Roles are cluster-wide and several databases may migrate at once (tests), so creation tolerates
    /// a concurrent creator. The password is set at creation; rotating it is an operator's task.
    /// </summary>
    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string password, string rls, CancellationToken ct)
    {
        var quotedPassword = "'" + password.Replace("'", "''") + "'";
        var attributes = $"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE {rls}";
        await using (var check = new NpgsqlCommand("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = $1", connection))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = role });
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var wantsBypass = rls == "BYPASSRLS";
                if (reader.GetBoolean(0) == wantsBypass && !reader.GetBoolean(1)) return;
                await reader.DisposeAsync();
                await ExecuteAsync(connection, $"ALTER ROLE {role} {attributes}", ct);
                return;
            }
        }
        try
        {
            await ExecuteAsync(connection, $"CREATE ROLE {role} {attributes} PASSWORD {quotedPassword}", ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another database's migrator created it a moment ago.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
