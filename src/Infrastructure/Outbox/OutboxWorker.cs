using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Outbox;

/// <summary>
/// Takes due messages with FOR UPDATE SKIP LOCKED, so any number of nodes share the work and each
/// message is handled by one of them. Failures retry with backoff and end as dead letters.
/// </summary>
public sealed class OutboxWorker : BackgroundService
{
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly KtpDatabase _db;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxWorker> _logger;
    private readonly TimeProvider _clock;
    private readonly IDisposable _backlogSource;
    private long _backlog;

    public override void Dispose()
    {
        _backlogSource.Dispose();
        base.Dispose();
    }

    public OutboxWorker(IEnumerable<IOutboxHandler> handlers, KtpDatabase db, OutboxOptions options, TimeProvider clock, ILogger<OutboxWorker> logger)
    {
        _handlers = handlers.ToDictionary(h => h.Kind);
        _db = db;
        _options = options;
        _clock = clock;
        _logger = logger;
        _backlogSource = KtpMetrics.RegisterOutboxBacklog(() => Interlocked.Read(ref _backlog));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await RunOnceAsync(stoppingToken);
                if (handled < _options.BatchSize) await OutboxSignal.Shared.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Outbox worker loop failed");
                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Handles one batch of due messages; returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var uow = await _db.BeginSystemAsync(ct);
        var now = _clock.GetUtcNow();
        var due = (await uow.QueryAsync<OutboxMessage>("""
            SELECT id, tenant_id AS TenantId, kind, payload::text AS Payload, attempts FROM outbox
            WHERE status = 'pending' AND due_at <= @now ORDER BY due_at, id LIMIT @limit FOR UPDATE SKIP LOCKED
            """, new { now, limit = _options.BatchSize })).ToList();
        foreach (var message in due) await HandleAsync(uow, message, now, ct);
        Interlocked.Exchange(ref _backlog, await uow.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox WHERE status = 'pending' AND due_at <= @now", new { now }));
        await uow.CommitAsync(ct);
        return due.Count;
    }

    private async Task HandleAsync(UnitOfWork uow, OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        await uow.ExecuteAsync("SAVEPOINT outbox_message");
        try
        {
            if (!_handlers.TryGetValue(message.Kind, out var handler))
                throw new InvalidOperationException($"No handler for outbox messages of kind '{message.Kind}'.");
            await handler.HandleAsync(message, uow, ct);
            await uow.ExecuteAsync("RELEASE SAVEPOINT outbox_message");
            await uow.ExecuteAsync("UPDATE outbox SET status = 'done', attempts = attempts + 1, processed_at = @now, last_error = NULL WHERE id = @id",
                new { id = message.Id, now });
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await uow.ExecuteAsync("ROLLBACK TO SAVEPOINT outbox_message");
            var attempts = message.Attempts + 1;
            var dead = attempts >= _options.MaxAttempts;
            _logger.Log(dead ? LogLevel.Error : LogLevel.Warning, e,
                "Outbox message {Id} ({Kind}) failed on attempt {Attempts}{Dead}", message.Id, message.Kind, attempts, dead ? "; moved to dead letters" : "");
            await uow.ExecuteAsync("""
                UPDATE outbox SET attempts = @attempts, last_error = @error,
                  status = CASE WHEN @dead THEN 'dead' ELSE 'pending' END, due_at = @next
                WHERE id = @id
                """, new { id = message.Id, attempts, error = e.Message, dead, next = now + _options.RetryDelay(attempts) });
        }
    }
}
