using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Weasel.Core;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// Marten as the event store: one configuration for every node, the migrator and the tests, so the
/// schema the migrator creates is exactly the one the app uses (the append function's signature
/// depends on the append mode).
/// </summary>
public static class MartenEventStore
{
    /// <summary>Marten's tables (mt_events, mt_streams, progression) live in their own schema.</summary>
    public const string Schema = "es";

    /// <summary>The schema shape: what the migrator applies and every node expects.</summary>
    public static void ConfigureSchema(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.Events.DatabaseSchemaName = Schema;
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Quick: an append is one call of Marten's append function, which hands back the versions and sequence numbers
        // our inline projections need (Rich reads them first: one more round trip per append). ADR 0008.
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        // Stored event data is camelCase JSON (as the earlier store wrote it).
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsInteger, Casing.CamelCase, o =>
        {
            o.PropertyNameCaseInsensitive = true;
            o.NumberHandling = EventTypeRegistry.Json.NumberHandling;
        });
        opts.AutoCreateSchemaObjects = AutoCreate.None;
        // Marten creates its event tables only when an event type is known: the migrator knows none of the modules'.
        opts.Events.MapEventType<SchemaMarker>("ktp.schema_marker");
    }

    /// <summary>Never appended; registered so that Marten's event schema exists wherever the store is configured.</summary>
    public sealed record SchemaMarker;
}
