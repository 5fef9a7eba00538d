using Ktp.Domain.Identity;
using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Ktp.Tenancy.Tenants;
using Ktp.Infrastructure.Inquiries;
using Npgsql;
using NpgsqlTypes;

namespace Ktp.Benchmarks;

/// <summary>
/// Binary COPY as the owner (a superuser: COPY FROM is refused on tables with row-level security otherwise).
/// Every row names its tenant_id explicitly; nothing relies on the session's tenant.
/// </summary>
/// <remarks>Events go into Marten's tables (<c>es.mt_streams</c>, <c>es.mt_events</c>) in the shape Marten writes them.</remarks>
public static class InquiryBenchLoader
{
    private const string Es = MartenEventStore.Schema;

    /// <summary>Tenants, roles, users, the tenant streams (signed up, users created), projects with their documents, customers.</summary>
    public static void LoadTenants(NpgsqlConnection owner, IReadOnlyList<SeedTenant> tenants, EventTypeRegistry registry, EventSequence sequence)
    {
        using (var w = owner.BeginBinaryImport("COPY tenants (tenant_id, slug, name, culture, kind, state, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tenants)
            {
                w.StartRow();
                w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.Slug, NpgsqlDbType.Text); w.Write(t.Name, NpgsqlDbType.Text);
                w.Write("ru", NpgsqlDbType.Text); w.Write("customer", NpgsqlDbType.Text); w.Write("active", NpgsqlDbType.Text);
                w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("COPY role_privileges (tenant_id, role_name, privileges) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tenants)
                foreach (var role in Role.TenantRoles)
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(role, NpgsqlDbType.Text);
                    w.Write(Role.DefaultPrivileges(role).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("""
            COPY users (tenant_id, user_id, email, normalized_email, display_name, security_stamp, concurrency_stamp, culture, created_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var t in tenants)
                foreach (var (user, email) in Users(t))
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(user.UserId!.Value, NpgsqlDbType.Uuid); w.Write(email, NpgsqlDbType.Text);
                    w.Write(email.ToUpperInvariant(), NpgsqlDbType.Text); w.Write(user.Name, NpgsqlDbType.Text);
                    w.Write(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text); w.Write(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
                    w.Write("ru", NpgsqlDbType.Text); w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
                }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("COPY user_roles (tenant_id, user_id, role_name) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tenants)
                foreach (var (user, _) in Users(t))
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(user.UserId!.Value, NpgsqlDbType.Uuid);
                    w.Write(user == t.Admin ? Role.TenantAdmin : Role.Operator, NpgsqlDbType.Text);
                }
            w.Complete();
        }

        // The tenant's own stream, as sign-up and user administration append it.
        var streams = new List<StreamRow>();
        var events = new List<EventRow>();
        foreach (var t in tenants)
        {
            var adminMetadata = new EventMetadata(t.Admin.UserId, t.Admin.Name);
            var (adminUser, adminEmail) = Users(t).First();
            object[] tenantEvents =
            [
                new TenantSignedUp(t.Slug, t.Name, "ru", adminUser.UserId!.Value, adminEmail),
                .. Users(t).Skip(1).Select(u => new TenantUserCreated(u.User.UserId!.Value, u.Email, u.User.Name, [Role.Operator])),
            ];
            for (var v = 0; v < tenantEvents.Length; v++)
                events.Add(new EventRow(t.TenantId, t.TenantId, v + 1, registry.NameOf(tenantEvents[v]), tenantEvents[v].GetType(),
                    registry.Serialize(tenantEvents[v]), adminMetadata, t.CreatedAt));
            streams.Add(new StreamRow(t.TenantId, t.TenantId, tenantEvents.Length, t.CreatedAt));
        }
        CopyStreams(owner, streams);
        CopyEvents(owner, events, sequence);

        using (var w = owner.BeginBinaryImport("""
            COPY projects (tenant_id, project_id, name, route_id, archive_after_days, created_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var t in tenants)
            {
                w.StartRow();
                w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.ProjectId, NpgsqlDbType.Uuid); w.Write(t.ProjectName, NpgsqlDbType.Text);
                w.Write(InquiryBenchCatalog.RouteId, NpgsqlDbType.Text); w.Write(InquiryBenchTenants.ArchiveAfterDays, NpgsqlDbType.Integer);
                w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("COPY project_members (tenant_id, project_id, user_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tenants)
                foreach (var op in t.Operators)
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.ProjectId, NpgsqlDbType.Uuid); w.Write(op.UserId!.Value, NpgsqlDbType.Uuid);
                }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("""
            COPY project_settings (tenant_id, project_id, kind, version, document, saved_by, saved_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var t in tenants)
                foreach (var (kind, json) in new[] { ("topics", t.TopicsJson), ("sla", t.SlaJson) })
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.ProjectId, NpgsqlDbType.Uuid); w.Write(kind, NpgsqlDbType.Text);
                    w.Write(1, NpgsqlDbType.Integer); w.Write(json, NpgsqlDbType.Jsonb); w.Write(t.Admin.Name, NpgsqlDbType.Text);
                    w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
                }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("""
            COPY project_routes (tenant_id, project_id, route_id, version, definition, published_by, published_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var t in tenants)
            {
                w.StartRow();
                w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.ProjectId, NpgsqlDbType.Uuid); w.Write(InquiryBenchCatalog.RouteId, NpgsqlDbType.Text);
                w.Write(1, NpgsqlDbType.Integer); w.Write(t.RouteJson, NpgsqlDbType.Jsonb); w.Write(t.Admin.Name, NpgsqlDbType.Text);
                w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("""
            COPY customers (tenant_id, customer_id, name, phone, email, contract, category, vip, created_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var t in tenants)
                foreach (var c in t.Customers)
                {
                    w.StartRow();
                    w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(c.Id, NpgsqlDbType.Uuid); w.Write(c.Name, NpgsqlDbType.Text);
                    w.Write(c.Phone, NpgsqlDbType.Text); Text(w, c.Email); Text(w, c.Contract); w.Write(c.Category, NpgsqlDbType.Text);
                    w.Write(c.Vip, NpgsqlDbType.Boolean); w.Write(t.CreatedAt, NpgsqlDbType.TimestampTz);
                }
            w.Complete();
        }
    }

    private static IEnumerable<(Ktp.Domain.Inquiries.Actor User, string Email)> Users(SeedTenant t) =>
        t.Operators.Select((op, k) => (op, $"operator{k + 1}@{t.Slug}.example.ru")).Prepend((t.Admin, $"admin@{t.Slug}.example.ru"));

    /// <summary>One chunk of inquiries: their streams and events, contacts, read-model rows and the keys of their SLA timers.</summary>
    public static void LoadChunk(NpgsqlConnection owner, SeedChunk chunk, EventSequence sequence)
    {
        CopyStreams(owner, chunk.Streams);
        CopyEvents(owner, chunk.Events, sequence);
        using (var w = owner.BeginBinaryImport("""
            COPY contacts (tenant_id, contact_id, project_id, customer_id, direction, channel, contact_place, operator_id, operator_name, registered_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var c in chunk.Contacts)
            {
                w.StartRow();
                w.Write(c.TenantId, NpgsqlDbType.Uuid); w.Write(c.ContactId, NpgsqlDbType.Uuid); w.Write(c.ProjectId, NpgsqlDbType.Uuid);
                Uuid(w, c.CustomerId); w.Write(c.Direction, NpgsqlDbType.Text); w.Write(c.Channel, NpgsqlDbType.Text); Text(w, c.ContactPlace);
                Uuid(w, c.OperatorId); w.Write(c.OperatorName, NpgsqlDbType.Text); w.Write(c.RegisteredAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("""
            COPY inquiries (tenant_id, inquiry_id, project_id, contact_id, customer_id, parent_id, topic_id, topic_name, kind, channel, priority, status,
              process_code, queue_code, assignee_id, assignee_name, responsible_id, sla_due_at, sla_breached, attributes, route_id, route_version,
              problem_id, registered_at, updated_at, closed_at, version, number)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var r in chunk.Inquiries)
            {
                w.StartRow();
                w.Write(r.TenantId, NpgsqlDbType.Uuid); w.Write(r.InquiryId, NpgsqlDbType.Uuid); w.Write(r.ProjectId, NpgsqlDbType.Uuid);
                w.Write(r.ContactId, NpgsqlDbType.Uuid); Uuid(w, r.CustomerId); Uuid(w, r.ParentId); w.Write(r.TopicId, NpgsqlDbType.Uuid);
                w.Write(r.TopicName, NpgsqlDbType.Text); w.Write(r.Kind, NpgsqlDbType.Text); w.Write(r.Channel, NpgsqlDbType.Text);
                w.Write(r.Priority, NpgsqlDbType.Text); w.Write(r.Status, NpgsqlDbType.Text); Text(w, r.ProcessCode); Text(w, r.QueueCode);
                Uuid(w, r.AssigneeId); Text(w, r.AssigneeName); Uuid(w, r.ResponsibleId); Timestamp(w, r.SlaDueAt);
                w.Write(r.SlaBreached, NpgsqlDbType.Boolean); w.Write(r.Attributes, NpgsqlDbType.Jsonb); Text(w, r.RouteId);
                if (r.RouteVersion is { } v) w.Write(v, NpgsqlDbType.Integer); else w.WriteNull();
                Uuid(w, r.ProblemId); w.Write(r.RegisteredAt, NpgsqlDbType.TimestampTz); w.Write(r.UpdatedAt, NpgsqlDbType.TimestampTz);
                Timestamp(w, r.ClosedAt); w.Write(r.Version, NpgsqlDbType.Bigint); w.Write(r.Number, NpgsqlDbType.Bigint);
            }
            w.Complete();
        }
        using (var w = owner.BeginBinaryImport("COPY scheduled_message_keys (tenant_id, key, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in chunk.SlaTimers)
            {
                w.StartRow();
                w.Write(t.TenantId, NpgsqlDbType.Uuid); w.Write(t.Key, NpgsqlDbType.Text); w.Write(t.ScheduledAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
    }

    /// <summary>
    /// The chunk's pending SLA timers as scheduled messages, through the app's outbox (Wolverine's message context
    /// enlisted in <paramref name="tx"/>: routing, envelope, serializer and INSERT are Wolverine's, one per timer).
    /// Nothing is flushed after the commit; a node with workers fires the stored envelopes when they come due.
    /// </summary>
    public static async Task SchedulePendingTimersAsync(IUnitOfWorkOutboxFactory outboxes, NpgsqlConnection owner, NpgsqlTransaction tx, SeedChunk chunk)
    {
        var outbox = outboxes.Create(UnitOfWork.Borrowed(owner, tx));
        foreach (var t in chunk.SlaTimers.Where(t => t.Pending))
            await outbox.ScheduleAsync(new SlaDeadlineDue(t.InquiryId, t.DueAt), t.DueAt, t.TenantId);
    }

    /// <summary>As Marten writes a started stream: no stream type (the app starts streams without an aggregate type), created = timestamp.</summary>
    private static void CopyStreams(NpgsqlConnection owner, IEnumerable<StreamRow> rows)
    {
        using var w = owner.BeginBinaryImport($"""
            COPY {Es}.mt_streams (tenant_id, id, type, version, "timestamp", created, is_archived) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var s in rows)
        {
            w.StartRow();
            w.Write(MartenSessions.TenantKey(s.TenantId), NpgsqlDbType.Varchar); w.Write(s.StreamId, NpgsqlDbType.Uuid); w.WriteNull();
            w.Write(s.Version, NpgsqlDbType.Bigint); w.Write(s.CreatedAt, NpgsqlDbType.TimestampTz); w.Write(s.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(false, NpgsqlDbType.Boolean);
        }
        w.Complete();
    }

    /// <summary>
    /// As Marten writes an appended event (checked against rows the app appended): sequence numbers from
    /// <paramref name="sequence"/> (<c>mt_events.seq_id</c> has no default; the seeder moves <c>mt_events_sequence</c>
    /// past them), user name, correlation and causation in their columns, user id and client IP as headers.
    /// </summary>
    private static void CopyEvents(NpgsqlConnection owner, IEnumerable<EventRow> rows, EventSequence sequence)
    {
        using var w = owner.BeginBinaryImport($"""
            COPY {Es}.mt_events (seq_id, id, stream_id, version, data, type, "timestamp", tenant_id, mt_dotnet_type,
              correlation_id, causation_id, headers, user_name, is_archived) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var e in rows)
        {
            var m = e.Metadata;
            w.StartRow();
            w.Write(sequence.Next(), NpgsqlDbType.Bigint); w.Write(Guid.NewGuid(), NpgsqlDbType.Uuid); w.Write(e.StreamId, NpgsqlDbType.Uuid);
            w.Write(e.Version, NpgsqlDbType.Bigint); w.Write(e.Data, NpgsqlDbType.Jsonb); w.Write(e.EventType, NpgsqlDbType.Varchar);
            w.Write(e.CreatedAt, NpgsqlDbType.TimestampTz); w.Write(MartenSessions.TenantKey(e.TenantId), NpgsqlDbType.Varchar);
            w.Write(BenchMarten.DotnetType(e.DotnetType), NpgsqlDbType.Varchar);
            Varchar(w, m.CorrelationId?.ToString()); Varchar(w, m.CausationId?.ToString());
            if (Headers(m) is { } headers) w.Write(headers, NpgsqlDbType.Jsonb); else w.WriteNull();
            Varchar(w, m.UserName); w.Write(false, NpgsqlDbType.Boolean);
        }
        w.Complete();
    }

    /// <summary>The headers <c>EventStore</c> sets on the session; none gives NULL, as Marten writes it.</summary>
    private static string? Headers(EventMetadata m)
    {
        var headers = new Dictionary<string, string>();
        if (m.UserId is { } userId) headers[EventMetadata.UserIdHeader] = userId.ToString();
        if (m.ClientIp is { } ip) headers[EventMetadata.ClientIpHeader] = ip;
        return headers.Count == 0 ? null : JsonSerializer.Serialize(headers);
    }

    private static void Varchar(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Varchar);
    }

    private static void Uuid(NpgsqlBinaryImporter w, Guid? value)
    {
        if (value is { } v) w.Write(v, NpgsqlDbType.Uuid); else w.WriteNull();
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Text);
    }

    private static void Timestamp(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } v) w.Write(v, NpgsqlDbType.TimestampTz); else w.WriteNull();
    }
}
