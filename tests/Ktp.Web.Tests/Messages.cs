using Dapper;
using Ktp.Infrastructure.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Util;

namespace Ktp.Web.Tests;

/// <summary>Wolverine's messages as a test sees them: what is scheduled, and running what is due at a moment of the test's clock.</summary>
public static class Messages
{
    /// <summary>Scheduled messages of type <typeparamref name="T"/> not handled yet, for <paramref name="tenantId"/>.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset At, T Message)>> ScheduledAsync<T>(this KtpHost app, Guid tenantId)
    {
        var runtime = app.Services.GetRequiredService<IWolverineRuntime>();
        var incoming = await runtime.Storage.Admin.AllIncomingAsync();
        return incoming
            .Where(e => e.Status == EnvelopeStatus.Scheduled && e.TenantId == tenantId.ToString() && e.MessageType == typeof(T).ToMessageTypeName())
            .Select(e => (e.ScheduledTime ?? DateTimeOffset.MinValue, (T)runtime.Options.DefaultSerializer!.ReadFromData(typeof(T), e)))
            .OrderBy(m => m.Item1).ToList();
    }

    /// <summary>
    /// Runs every message scheduled up to <paramref name="moment"/> (the test's clock, which may be ahead of the
    /// real one) by pulling its time to now, and waits until nothing due or incoming is left, including the
    /// messages those handlers send. Wolverine's own polling fires them, as in production.
    /// </summary>
    public static async Task RunDueAsync(this KtpHost app, DateTimeOffset moment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var owner = app.Database.OpenOwner();
            var waiting = await owner.ExecuteScalarAsync<long>($"""
                WITH pulled AS (
                  UPDATE {MessageStorage.Schema}.wolverine_incoming_envelopes SET execution_time = now()
                  WHERE status = 'Scheduled' AND execution_time <= @moment AND execution_time > now() RETURNING 1)
                SELECT (SELECT count(*) FROM pulled) + (SELECT count(*) FROM {MessageStorage.Schema}.wolverine_incoming_envelopes
                  WHERE status = 'Incoming' OR (status = 'Scheduled' AND execution_time <= @moment))
                """, new { moment = moment.UtcDateTime });
            if (waiting == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{waiting} messages due by {moment:u} are still waiting.");
            await Task.Delay(100);
        }
    }

    /// <summary>Mail delivered to the dev mailbox for <paramref name="tenantId"/> (what the e-mail handler wrote).</summary>
    public static async Task<IReadOnlyList<(string To, string Subject)>> MailAsync(this KtpHost app, Guid tenantId)
    {
        await using var owner = app.Database.OpenOwner();
        return (await owner.QueryAsync<(string, string)>(
            "SELECT recipient, subject FROM dev_mailbox WHERE tenant_id = @tenantId ORDER BY message_id", new { tenantId })).ToList();
    }
}
