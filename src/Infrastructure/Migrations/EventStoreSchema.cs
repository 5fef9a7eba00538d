using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Marten;
using Npgsql;

namespace Ktp.Infrastructure.Migrations;

/// <summary>
/// Marten's schema, applied by the owner at migrate time (nodes never run DDL), then the runtime roles'
/// grants and the row-level security of the event tables: the app role sees its tenant's events only,
/// the system role (daemon, workers) every tenant's through its own policy.
/// </summary>
public static class EventStoreSchema
{
    public static async Task ApplyAsync(NpgsqlConnection owner, string ownerConnectionString, CancellationToken ct)
    {
        await using (var store = DocumentStore.For(o =>
                     {
                         MartenEventStore.ConfigureSchema(o, ownerConnectionString);
                         o.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate; // only the migrator changes the schema
                     }))
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        const string es = MartenEventStore.Schema;
        string app = DatabaseOptions.AppRole, system = DatabaseOptions.SystemRole;
        await using var cmd = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA {es} TO {app}, {system};
            -- The app role reads and appends events only; the daemon's bookkeeping is the system role's.
            REVOKE ALL ON ALL TABLES IN SCHEMA {es} FROM {app};
            GRANT SELECT, INSERT ON {es}.mt_events TO {app};
            GRANT SELECT, INSERT, UPDATE ON {es}.mt_streams TO {app};
            GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA {es} TO {system};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {es} TO {app}, {system};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {es} TO {app}, {system};
            {TenantPolicies($"{es}.mt_events")}
            {TenantPolicies($"{es}.mt_streams")}
            {TenantPolicies($"{es}.mt_event_projection_floors")}
            -- The daemon tells a gap left by a running transaction from an abandoned one by looking at other sessions.
            DO $$ BEGIN
              GRANT pg_read_all_stats TO {system};
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE NOTICE 'could not grant pg_read_all_stats to {system}: the daemon will wait out sequence gaps by time only';
            END $$;
            """, owner);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marten writes the tenant as text; <c>app.tenant_id</c> holds the same text.</summary>
    private static string TenantPolicies(string table) => $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS tenant_isolation ON {table};
        CREATE POLICY tenant_isolation ON {table}
          USING (tenant_id = nullif(current_setting('app.tenant_id', true), ''))
          WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), ''));
        DROP POLICY IF EXISTS system_access ON {table};
        CREATE POLICY system_access ON {table} TO {DatabaseOptions.SystemRole} USING (true) WITH CHECK (true);
        """;
}
