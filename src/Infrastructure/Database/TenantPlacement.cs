using Ktp.Infrastructure.Events;
using Marten;
using Weasel.Core.MultiTenancy;

namespace Ktp.Infrastructure.Database;

/// <summary>
/// Where a tenant lives once there is more than one database (ADR 0009). Marten's sharded tenancy keeps
/// the pool of tenant databases and each tenant's assignment in a small registry; this class only
/// says which database a new tenant goes to: the one with the fewest tenants that is not marked full.
/// Tenants are placed explicitly, at sign-up: an id Marten has never been told about is refused, never
/// placed on first use.
/// </summary>
public sealed class TenantPlacement(IDocumentStore store)
{
    /// <summary>The registry's schema (pool and assignments) in the database that holds it.</summary>
    public const string RegistrySchema = "es_tenancy";

    /// <summary>
    /// Spreads tenants over <paramref name="tenantDatabases"/> (database id to connection string) with
    /// Marten's sharded tenancy; the registry lives in the database of <paramref name="registryConnectionString"/>.
    /// Inside each database nothing changes: conjoined tenancy, tenant_id on every row.
    /// </summary>
    public static void ConfigureDatabases(StoreOptions opts, string registryConnectionString, IReadOnlyDictionary<string, string> tenantDatabases)
    {
        if (tenantDatabases.Count == 0) throw new ArgumentException("At least one tenant database is needed.", nameof(tenantDatabases));
        opts.MultiTenantedWithShardedDatabases(pool =>
        {
            pool.ConnectionString = registryConnectionString;
            pool.SchemaName = RegistrySchema;
            foreach (var (databaseId, connectionString) in tenantDatabases) pool.AddDatabase(databaseId, connectionString);
            pool.UseExplicitAssignment();
        });
    }

    /// <summary>
    /// Places a new tenant and registers the assignment with Marten; returns the database id. A tenant
    /// already placed stays where it is (a retried sign-up lands on the same database).
    /// </summary>
    public async Task<string> PlaceNewTenantAsync(Guid tenantId, CancellationToken ct = default)
    {
        var pool = store.Options.Tenancy as ITenantDatabasePool
            ?? throw new InvalidOperationException("Tenant placement needs Marten's sharded tenancy (TenantPlacement.ConfigureDatabases).");
        var tenant = MartenSessions.TenantKey(tenantId);
        if (await pool.FindDatabaseForTenantAsync(tenant, ct) is { } placed) return placed;

        var target = Choose(await pool.ListDatabasesAsync(ct))
            ?? throw new InvalidOperationException("Every tenant database is marked full: add one to the pool first.");
        // Marten creates the tenant's partitions only in databases it has loaded; loading is one query.
        await store.Storage.AllDatabases();
        await store.Advanced.AddTenantToShardAsync(tenant, target, ct);
        return target;
    }

    /// <summary>
    /// The policy: fewest tenants among the databases not marked full, ties to the lowest id. Two
    /// sign-ups at the same moment may both pick the same database; that only skews the balance.
    /// </summary>
    public static string? Choose(IEnumerable<PooledDatabase> databases) =>
        databases.Where(d => !d.IsFull)
            .OrderBy(d => d.TenantCount)
            .ThenBy(d => d.DatabaseId, StringComparer.Ordinal)
            .Select(d => d.DatabaseId)
            .FirstOrDefault();
}
