using Dapper;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Inquiries;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Util;

namespace Ktp.Benchmarks;

/// <summary>Wolverine's scheduled messages in the benchmark database: how many, and whether the seeded ones read back.</summary>
public static class InquiryBenchMessages
{
    public const string IncomingTable = $"{MessageStorage.Schema}.wolverine_incoming_envelopes";

    public static Task<long> ScheduledCountAsync(NpgsqlConnection owner) =>
        owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {IncomingTable} WHERE status = 'Scheduled'", commandTimeout: 600);

    /// <summary>
    /// Every scheduled message, read back through Wolverine (envelope and message deserialized by its serializers), must be
    /// an <see cref="SlaDeadlineDue"/> of its envelope's tenant, scheduled for its deadline, with its key in <c>scheduled_message_keys</c>;
    /// and there must be one per pending timer.
    /// </summary>
    public static async Task<(int Read, int Mismatches, string? First)> VerifyScheduledAsync(IWolverineRuntime runtime, NpgsqlConnection owner,
        long pendingTimers)
    {
        var scheduled = (await runtime.Storage.Admin.AllIncomingAsync()).Where(e => e.Status == EnvelopeStatus.Scheduled).ToList();
        var tenants = new List<Guid>();
        var keys = new List<string>();
        var mismatches = (int)Math.Abs(scheduled.Count - pendingTimers);
        string? first = mismatches == 0 ? null : $"{pendingTimers:N0} pending SLA timers seeded, {scheduled.Count:N0} scheduled messages stored";
        foreach (var envelope in scheduled)
        {
            var message = envelope.MessageType == typeof(SlaDeadlineDue).ToMessageTypeName()
                ? (SlaDeadlineDue)runtime.Options.DefaultSerializer!.ReadFromData(typeof(SlaDeadlineDue), envelope)
                : null;
            // The table keeps microseconds; the message keeps the deadline's ticks.
            if (message is null || !Guid.TryParse(envelope.TenantId, out var tenant) || envelope.ScheduledTime is not { } at
                || (at - message.DueAt).Duration() >= TimeSpan.FromMilliseconds(1))
            {
                mismatches++;
                first ??= $"{envelope.Id} ({envelope.MessageType}, tenant {envelope.TenantId}, at {envelope.ScheduledTime:O}): {message}";
                continue;
            }
            tenants.Add(tenant);
            keys.Add(SlaTimer.KeyOf(message.InquiryId, message.DueAt));
        }
        var missingKeys = await owner.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM unnest(@tenants, @keys) AS m(tenant_id, key)
            WHERE NOT EXISTS (SELECT 1 FROM scheduled_message_keys k WHERE k.tenant_id = m.tenant_id AND k.key = m.key)
            """, new { tenants = tenants.ToArray(), keys = keys.ToArray() }, commandTimeout: 600);
        if (missingKeys > 0) first ??= $"{missingKeys} scheduled SLA messages have no key in scheduled_message_keys";
        return (scheduled.Count, mismatches + missingKeys, first);
    }
}
