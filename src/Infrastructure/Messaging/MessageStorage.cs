using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Postgresql;

namespace Ktp.Infrastructure.Messaging;

/// <summary>
/// Where Wolverine keeps envelopes (scheduled, incoming, outgoing, dead letters) and node records: schema
/// <see cref="Schema"/> in the app's database. The migrator creates it as the owner; nodes never run DDL.
/// </summary>
public static class MessageStorage
{
    public const string Schema = "wolverine";

    /// <summary>Durability settings every node and the migrator share (the table shapes depend on them).</summary>
    public static void ConfigureDurability(DurabilitySettings durability)
    {
        durability.MessageStorageSchemaName = Schema;
        durability.DeadLetterQueueExpirationEnabled = false; // dead letters stay until a person replays or discards them
    }

    /// <summary>
    /// Creates or updates the tables, then the grants: the system role (nodes' Wolverine runtime) uses them all;
    /// the app role only adds envelopes in its own transactions (the outbox) and reads none. The tables hold no
    /// tenant column (the tenant travels inside the envelope), so tenants never reach them directly.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlConnection owner, string ownerConnectionString, CancellationToken ct)
    {
        // Wolverine builds its store only inside a host: one that is never started, with no handlers, as the owner.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.UseWolverine(opts =>
        {
            opts.PersistMessagesWithPostgresql(ownerConnectionString, Schema);
            ConfigureDurability(opts.Durability);
            opts.Discovery.DisableConventionalDiscovery();
        });
        using (var host = builder.Build())
            await host.Services.GetRequiredService<IMessageStore>().Admin.MigrateAsync();

        string app = Database.DatabaseOptions.AppRole, system = Database.DatabaseOptions.SystemRole;
        await using var cmd = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA {Schema} TO {app}, {system};
            GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA {Schema} TO {system};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {Schema} TO {system};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {Schema} TO {system};
            GRANT INSERT ON {Schema}.wolverine_incoming_envelopes, {Schema}.wolverine_outgoing_envelopes TO {app};
            """, owner);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
