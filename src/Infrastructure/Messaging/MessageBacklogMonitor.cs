using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Messaging;

/// <summary>
/// Counts every few seconds the messages that are due but not handled yet (incoming, or scheduled for a
/// time that has passed) for the <c>ktp_outbox_backlog</c> gauge.
/// </summary>
public sealed class MessageBacklogMonitor(KtpDatabase db, ILogger<MessageBacklogMonitor> logger) : BackgroundService
{
    private long _backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var source = KtpMetrics.RegisterOutboxBacklog(() => Interlocked.Read(ref _backlog));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var uow = await db.BeginSystemAsync(stoppingToken);
                Interlocked.Exchange(ref _backlog, await uow.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                    SELECT count(*) FROM {MessageStorage.Schema}.wolverine_incoming_envelopes
                    WHERE status = 'Incoming' OR (status = 'Scheduled' AND execution_time <= now())
                    """, transaction: uow.Transaction, cancellationToken: stoppingToken)));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { logger.LogWarning(e, "Could not count the message backlog"); }
            try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
